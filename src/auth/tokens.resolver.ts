import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, RequireRole } from './auth.guard';
import { ApiTokenModel, CreatedApiTokenModel, toApiTokenModel } from './api-token.model';
import { Role } from './role';
import type { Principal } from './role';
import { TokensService } from './tokens.service';

@Resolver(() => ApiTokenModel)
export class TokensResolver {
  constructor(
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => [ApiTokenModel], { description: 'ADMIN. Tokens, newest first (at most 1000).' })
  @RequireRole(Role.ADMIN)
  async apiTokens() {
    return (await this.tokens.list()).map(toApiTokenModel);
  }

  @Mutation(() => CreatedApiTokenModel, { description: 'ADMIN. The secret is returned once and never stored.' })
  @RequireRole(Role.ADMIN)
  async createApiToken(
    @Args('name') name: string,
    @Args('role', { type: () => Role }) role: Role,
    @Args('expiresAt', { type: () => Date, nullable: true }) expiresAt: Date | null,
    @CurrentPrincipal() by: Principal,
  ) {
    const { token, secret } = await this.tokens.create(name, role, expiresAt, by);
    await this.audit.record(this.dataSource.manager, by, 'createApiToken', 'api_token', token.id, { name: token.name, role });
    return { token: toApiTokenModel(token), secret };
  }

  @Mutation(() => ApiTokenModel, { description: 'ADMIN. Takes effect on the next request.' })
  @RequireRole(Role.ADMIN)
  async revokeApiToken(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() by: Principal) {
    const token = await this.tokens.revoke(id);
    await this.audit.record(this.dataSource.manager, by, 'revokeApiToken', 'api_token', token.id);
    return toApiTokenModel(token);
  }
}
