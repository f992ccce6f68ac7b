import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { FailureLimiter } from './failure-limiter';
import { hasRole, Principal, Role } from './role';
import { TokensService } from './tokens.service';

/** Turns a request's `Authorization: Bearer …` into a principal, or a coded refusal. */
@Injectable()
export class AuthService {
  private readonly limiter: FailureLimiter;

  constructor(
    private readonly tokens: TokensService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new FailureLimiter(config.authFailuresPerMinute);
  }

  /** The caller's principal, or null when no Authorization header was sent. */
  async principalOf(req: Request): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = this.limiter.blockedFor(address);
    if (wait > 0) throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, 'too many failed authentications; try again later', { retryAfterSeconds: wait });
    const secret = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const principal = secret ? await this.tokens.authenticate(secret) : null;
    if (!principal) {
      this.limiter.recordFailure(address);
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'the bearer token is missing, malformed, unknown, expired or revoked');
    }
    return principal;
  }

  async require(req: Request, role: Role): Promise<Principal> {
    const principal = await this.principalOf(req);
    if (!principal) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'this operation needs an Authorization: Bearer token');
    if (!hasRole(principal.role, role)) throw new DomainError(ErrorCode.FORBIDDEN, `this operation needs the ${role} role; the token has ${principal.role}`);
    return principal;
  }
}
