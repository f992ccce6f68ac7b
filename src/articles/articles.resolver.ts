import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ContributorModel } from '../contributors/contributor.model';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { ReferenceModel } from '../references/reference.model';
import { SectionModel } from '../sections/section.model';
import { ArticleModel } from './article.model';
import { ArticlesService } from './articles.service';
import { excerpt, renderMarkdown } from './markdown.renderer';

@Resolver(() => ArticleModel)
export class ArticlesResolver {
  constructor(private readonly articles: ArticlesService) {}

  @Query(() => ArticleModel, { nullable: true, description: 'Null when missing or not in a published issue.' })
  article(@Args('id', { type: () => ID }) id: string) {
    return this.articles.findPublishedById(id);
  }

  @Query(() => ArticleModel, { nullable: true })
  articleBySlug(@Args('issueSlug') issueSlug: string, @Args('slug') slug: string) {
    return this.articles.findPublishedBySlug(issueSlug, slug);
  }

  @ResolveField(() => String, { description: 'The body rendered to sanitized HTML; citations [n] link to their reference.' })
  async bodyHtml(@Parent() article: ArticleModel, @Context() { loaders }: GraphQLContext) {
    return renderMarkdown(article.body, await loaders.referencesByArticleId.load(article.id));
  }

  @ResolveField(() => String, { description: 'The opening of the body as plain text.' })
  excerpt(@Parent() article: ArticleModel) {
    return excerpt(article.body);
  }

  @ResolveField(() => [ContributorModel], { description: 'Patch authors, in order.' })
  authors(@Parent() article: ArticleModel, @Context() { loaders }: GraphQLContext) {
    return loaders.authorsByArticleId.load(article.id);
  }

  @ResolveField(() => [ReferenceModel], { description: 'In order.' })
  references(@Parent() article: ArticleModel, @Context() { loaders }: GraphQLContext) {
    return loaders.referencesByArticleId.load(article.id);
  }

  @ResolveField(() => SectionModel)
  section(@Parent() article: ArticleModel, @Context() { loaders }: GraphQLContext) {
    return loaders.sectionById.load(article.sectionId);
  }

  @ResolveField(() => IssueModel)
  issue(@Parent() article: ArticleModel, @Context() { loaders }: GraphQLContext) {
    return loaders.visibleIssueById.load(article.issueId);
  }
}
