import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLContext } from '../loaders/graphql-context';
import { ROLES_KEY } from './auth.constants';
import { AuthService } from './auth.service';
import type { Principal, Role } from './role';

/** Marks a resolver as needing at least this role; the guard enforces it. */
export const RequireRole = (role: Role) => SetMetadata(ROLES_KEY, role);

/** The authenticated caller of a guarded resolver. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return GqlExecutionContext.create(ctx).getContext<GraphQLContext>().principal!;
});

@Injectable()
export class RoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const role = this.reflector.getAllAndOverride<Role | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!role) return true;
    // A mirror only copies its origin: every guarded operation is an edit or an admin task.
    if (this.config.mirrorFrom) throw new DomainError(ErrorCode.FORBIDDEN, `this instance is a read-only mirror of ${this.config.mirrorFrom}; send changes there`);
    const ctx = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    ctx.principal = await this.auth.require(ctx.req, role);
    return true;
  }
}
