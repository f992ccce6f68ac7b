import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ArticleModel } from '../articles/article.model';
import { renderMarkdown } from '../articles/markdown.renderer';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { SectionModel } from './section.model';

@Resolver(() => SectionModel)
export class SectionsResolver {
  @ResolveField(() => String, { nullable: true, description: 'The intro rendered to sanitized HTML.' })
  introHtml(@Parent() section: SectionModel) {
    return section.intro === null ? null : renderMarkdown(section.intro);
  }

  @ResolveField(() => IssueModel)
  issue(@Parent() section: SectionModel, @Context() { loaders }: GraphQLContext) {
    return loaders.visibleIssueById.load(section.issueId);
  }

  @ResolveField(() => [ArticleModel], { description: 'In reading order.' })
  articles(@Parent() section: SectionModel, @Context() { loaders }: GraphQLContext) {
    return loaders.articlesBySectionId.load(section.id);
  }
}
