import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { ConnectionArgs } from '../common/graphql/connection';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { IssueRevisionConnection, IssueRevisionModel } from './issue-revision.model';
import { RevisionsService } from './revisions.service';

@Resolver(() => IssueRevisionModel)
export class RevisionsResolver {
  constructor(private readonly revisions: RevisionsService) {}

  @Query(() => IssueRevisionConnection, { description: 'EDITOR. The revisions stored at each publish of the issue, newest first.' })
  @RequireRole(Role.EDITOR)
  issueRevisions(@Args('issueId', { type: () => ID }) issueId: string, @Args() { first, after }: ConnectionArgs) {
    return this.revisions.list(issueId, first, after);
  }

  @Mutation(() => IssueModel, {
    description: 'EDITOR (PUBLISHER when the issue is published or scheduled). Makes the revision the current draft; a published issue is unpublished.',
  })
  @RequireRole(Role.EDITOR)
  async restoreIssueRevision(@Args('revisionId', { type: () => ID }) revisionId: string, @CurrentPrincipal() by: Principal, @Context() ctx: GraphQLContext) {
    const issueId = await this.revisions.restore(revisionId, by);
    // The restored issue is a draft: let this request return it.
    ctx.visibleDrafts.add(issueId);
    return ctx.loaders.visibleIssueById.load(issueId);
  }
}
