import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { checkUuid } from '../common/uuid';
import { ADMIN_TOKEN } from './auth.constants';
import { ApiTokenEntity } from './api-token.entity';
import { Principal, Role } from './role';

const TOKEN_PREFIX = 'km_';
const LAST_USED_PRECISION_MS = 60_000;

export const hashToken = (secret: string) => createHash('sha256').update(secret).digest();

/** Issues, checks and revokes API tokens. Postgres keeps only a SHA-256 of each secret. */
@Injectable()
export class TokensService {
  private readonly bootstrapHash: Buffer;

  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    @Inject(ADMIN_TOKEN) adminToken: string,
  ) {
    this.bootstrapHash = hashToken(adminToken);
  }

  /** The principal for a bearer secret, or null when it is unknown, expired or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashToken(secret);
    // Compare digests, not secrets: equal length, constant time.
    if (timingSafeEqual(hash, this.bootstrapHash)) return { id: null, name: 'bootstrap admin', role: Role.ADMIN };
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const token = await this.tokens.findOneBy({ tokenHash: hash.toString('hex'), revokedAt: IsNull() });
    if (!token || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
      await this.tokens.update(token.id, { lastUsedAt: new Date() });
    }
    return { id: token.id, name: token.name, role: token.role };
  }

  /** Returns the stored token and its secret; the secret is never stored or shown again. */
  async create(name: string, role: Role, expiresAt: Date | null, by: Principal): Promise<{ token: ApiTokenEntity; secret: string }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw badInput('name', 'name must be 1 to 100 characters');
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw badInput('expiresAt', 'expiresAt must be in the future');
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const token = await this.tokens.save(
      this.tokens.create({ name: trimmed, role, expiresAt, tokenHash: hashToken(secret).toString('hex'), tokenPrefix: secret.slice(0, 10), createdBy: by.id }),
    );
    return { token, secret };
  }

  async revoke(id: string): Promise<ApiTokenEntity> {
    const token = await this.tokens.findOneBy({ id: checkUuid(id) });
    if (!token) throw new DomainError(ErrorCode.NOT_FOUND, `no token ${id}`, { field: 'id' });
    token.revokedAt ??= new Date();
    return this.tokens.save(token);
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.tokens.find({ order: { createdAt: 'DESC' }, take: 1000 });
  }
}
