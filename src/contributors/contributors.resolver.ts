import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ArticleConnection } from '../articles/article.model';
import { checkPageSize, ConnectionArgs } from '../common/graphql/connection';
import { IssueConnection } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { ContributorConnection, ContributorModel } from './contributor.model';
import { ContributorsService } from './contributors.service';

@Resolver(() => ContributorModel)
export class ContributorsResolver {
  constructor(private readonly contributorsService: ContributorsService) {}

  @Query(() => ContributorConnection, { description: 'Editors and authors who appear in published issues, by slug.' })
  contributors(@Args() { first, after }: ConnectionArgs) {
    return this.contributorsService.listVisible(first, after);
  }

  @Query(() => ContributorModel, { nullable: true })
  contributor(@Args('slug') slug: string) {
    return this.contributorsService.findVisibleBySlug(slug);
  }

  @ResolveField(() => ArticleConnection, { description: 'Published articles they wrote, newest issue first.' })
  articles(@Parent() c: ContributorModel, @Args() { first, after }: ConnectionArgs, @Context() { loaders }: GraphQLContext) {
    return loaders.articlesByAuthor.load({ ownerId: c.id, first: checkPageSize(first), after });
  }

  @ResolveField(() => IssueConnection, { description: 'Published issues they edited, newest first.' })
  editedIssues(@Parent() c: ContributorModel, @Args() { first, after }: ConnectionArgs, @Context() { loaders }: GraphQLContext) {
    return loaders.issuesByEditor.load({ ownerId: c.id, first: checkPageSize(first), after });
  }
}
