import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { IssueImporter } from '../content/issue-importer.service';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { emitWebhookEvent } from '../webhooks/webhook-events';
import { ImportIssueResultModel, PreviewLinkModel } from './publishing.model';
import { PublishingService } from './publishing.service';

@Resolver()
export class PublishingResolver {
  constructor(
    private readonly publishing: PublishingService,
    private readonly importer: IssueImporter,
    private readonly audit: AuditService,
  ) {}

  @Mutation(() => ImportIssueResultModel, { description: 'EDITOR. Creates or replaces an issue by slug from the authoring format; never publishes.' })
  @RequireRole(Role.EDITOR)
  async importIssue(
    @Args('markdown') markdown: string,
    @Args('replacePublished', { defaultValue: false, description: 'Needed to overwrite the content of a published issue.' }) replacePublished: boolean,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    const result = await this.importer.importMarkdown(markdown, {
      replacePublished,
      onWritten: async (m, issue, created) => {
        if (issue.status === 'PUBLISHED') await emitWebhookEvent(m, 'issue.updated', { type: 'issue', id: issue.id, slug: issue.slug, number: issue.number, title: issue.title });
        await this.audit.record(m, by, 'importIssue', 'issue', issue.id, { slug: issue.slug, created });
      },
    });
    return { issue: await this.visible(ctx, result.issue.id), warnings: result.warnings, created: result.created };
  }

  @Mutation(() => IssueModel, { description: 'PUBLISHER. Atomic: validates completeness, publishes, indexes, notifies webhooks, stores a revision.' })
  @RequireRole(Role.PUBLISHER)
  async publishIssue(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return this.visible(ctx, await this.publishing.publishIssue(id, by, expectedVersion));
  }

  @Mutation(() => IssueModel, { description: 'PUBLISHER. Removes the issue from every public surface and from search.' })
  @RequireRole(Role.PUBLISHER)
  async unpublishIssue(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return this.visible(ctx, await this.publishing.unpublishIssue(id, by, expectedVersion));
  }

  @Query(() => IssueModel, { nullable: true, description: 'Shows one issue, whatever its status, to whoever holds a valid preview link.' })
  async previewIssue(@Args('token') token: string, @Context() ctx: GraphQLContext) {
    return this.visible(ctx, this.publishing.issueOfPreviewLink(token));
  }

  @Mutation(() => PreviewLinkModel, { description: 'EDITOR. A signed, expiring link to one issue, for a front end without a token.' })
  @RequireRole(Role.EDITOR)
  async createPreviewLink(
    @Args('issueId', { type: () => ID }) issueId: string,
    @Args('expiresInMinutes', { type: () => Int, defaultValue: 60 }) expiresInMinutes: number,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.publishing.createPreviewLink(issueId, expiresInMinutes, by);
  }

  /** Lets the rest of this request resolve a draft it was allowed to see. */
  private async visible(ctx: GraphQLContext, issueId: string): Promise<IssueModel | null> {
    ctx.visibleDrafts.add(issueId);
    return ctx.loaders.visibleIssueById.load(issueId);
  }
}
