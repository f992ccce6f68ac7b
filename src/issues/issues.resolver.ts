import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ConnectionArgs } from '../common/graphql/connection';
import { ContributorModel } from '../contributors/contributor.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { SectionModel } from '../sections/section.model';
import { renderMarkdown } from '../articles/markdown.renderer';
import { IssueConnection, IssueModel } from './issue.model';
import { IssuesService } from './issues.service';
import { AuthService } from '../auth/auth.service';
import { Role } from '../auth/role';

@Resolver(() => IssueModel)
export class IssuesResolver {
  constructor(
    private readonly issuesService: IssuesService,
    private readonly auth: AuthService,
  ) {}

  @Query(() => IssueConnection, { description: 'Published issues, newest first.' })
  issues(@Args() { first, after }: ConnectionArgs) {
    return this.issuesService.listPublished(first, after);
  }

  @Query(() => IssueModel, { nullable: true, description: 'Null when the issue does not exist or is not published; `preview: true` (EDITOR token) also shows drafts.' })
  async issue(@Args('slug') slug: string, @Args('preview', { defaultValue: false }) preview: boolean, @Context() ctx: GraphQLContext) {
    if (!preview) return ctx.loaders.publishedIssueBySlug.load(slug);
    await this.auth.require(ctx.req, Role.EDITOR);
    const issue = await this.issuesService.findAnyBySlug(slug);
    if (issue) ctx.visibleDrafts.add(issue.id);
    return issue;
  }

  @Query(() => IssueModel, { nullable: true })
  latestIssue() {
    return this.issuesService.latestPublished();
  }

  @ResolveField(() => String, { nullable: true, description: 'The summary rendered to sanitized HTML.' })
  summaryHtml(@Parent() issue: IssueModel) {
    return issue.summary === null ? null : renderMarkdown(issue.summary);
  }

  @ResolveField(() => [SectionModel])
  sections(@Parent() issue: IssueModel, @Context() { loaders }: GraphQLContext) {
    return loaders.sectionsByIssueId.load(issue.id);
  }

  @ResolveField(() => [ContributorModel], { description: 'In the order the issue lists them.' })
  editors(@Parent() issue: IssueModel, @Context() { loaders }: GraphQLContext) {
    return loaders.editorsByIssueId.load(issue.id);
  }

  @ResolveField(() => IssueModel, { nullable: true, description: 'The issue this one names as previous, when published.' })
  previous(@Parent() issue: IssueModel, @Context() { loaders }: GraphQLContext) {
    return issue.previousSlug ? loaders.publishedIssueBySlug.load(issue.previousSlug) : null;
  }

  @ResolveField(() => IssueModel, { nullable: true, description: 'The published issue that names this one as previous.' })
  next(@Parent() issue: IssueModel, @Context() { loaders }: GraphQLContext) {
    return loaders.publishedSuccessorBySlug.load(issue.slug);
  }

  @ResolveField(() => Int)
  articleCount(@Parent() issue: IssueModel, @Context() { loaders }: GraphQLContext) {
    return loaders.articleCountByIssueId.load(issue.id);
  }
}
