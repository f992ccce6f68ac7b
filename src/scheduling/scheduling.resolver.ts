import { Args, Context, ID, Int, Mutation, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { SchedulingService } from './scheduling.service';

@Resolver()
export class SchedulingResolver {
  constructor(private readonly scheduling: SchedulingService) {}

  @Mutation(() => IssueModel, { description: 'PUBLISHER. Publishes the issue automatically at `at` (which must be in the future); it must pass the publish checks now.' })
  @RequireRole(Role.PUBLISHER)
  async scheduleIssue(
    @Args('id', { type: () => ID }) id: string,
    @Args('at', { type: () => Date }) at: Date,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return visible(ctx, await this.scheduling.scheduleIssue(id, at, by, expectedVersion));
  }

  @Mutation(() => IssueModel, { description: 'PUBLISHER. Takes a scheduled issue off the schedule; it becomes a draft.' })
  @RequireRole(Role.PUBLISHER)
  async unscheduleIssue(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return visible(ctx, await this.scheduling.unscheduleIssue(id, by, expectedVersion));
  }
}

/** A scheduled issue is not public yet: let this request return it. */
function visible(ctx: GraphQLContext, issueId: string): Promise<IssueModel | null> {
  ctx.visibleDrafts.add(issueId);
  return ctx.loaders.visibleIssueById.load(issueId);
}
