import { Args, Query, Resolver } from '@nestjs/graphql';
import { DataSource } from 'typeorm';
import { RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import { ConnectionArgs } from '../common/graphql/connection';
import { AuditEntryConnection, AuditEntryModel } from './audit-entry.model';
import { AuditService } from './audit.service';

@Resolver(() => AuditEntryModel)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Query(() => AuditEntryConnection, { description: 'ADMIN. Every mutation, newest first.' })
  @RequireRole(Role.ADMIN)
  auditLog(
    @Args() { first, after }: ConnectionArgs,
    @Args('objectType', { type: () => String, nullable: true }) objectType: string | null,
    @Args('objectId', { type: () => String, nullable: true }) objectId: string | null,
  ) {
    return this.audit.list(this.dataSource.manager, first, after, { objectType, objectId });
  }
}
