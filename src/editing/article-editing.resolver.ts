import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ArticleModel } from '../articles/article.model';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { ArticleEditingService } from './article-editing.service';
import { CreateArticleInput, ReferenceInput, UpdateArticleInput } from './dto/article.inputs';
import { EditableService } from './editable.service';
import { OPTIONAL_VERSION, showIssue, showIssueOf, VERSION } from './editing-context';

@Resolver()
export class ArticleEditingResolver {
  constructor(
    private readonly articles: ArticleEditingService,
    private readonly editable: EditableService,
  ) {}

  @Mutation(() => ArticleModel, { description: 'EDITOR. Adds an article to a section.' })
  @RequireRole(Role.EDITOR)
  async createArticle(@Args('input') input: CreateArticleInput, @CurrentPrincipal() by: Principal, @Context() ctx: GraphQLContext) {
    return showIssueOf(ctx, await this.articles.createArticle(input, by));
  }

  @Mutation(() => ArticleModel, { description: 'EDITOR. Changes the given fields of an article.' })
  @RequireRole(Role.EDITOR)
  async updateArticle(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateArticleInput,
    @Args('expectedVersion', VERSION) expectedVersion: number,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return showIssueOf(ctx, await this.articles.updateArticle(id, input, expectedVersion, by));
  }

  @Mutation(() => ArticleModel, { description: 'EDITOR. Moves an article to a place in a section of the same issue; positions are renumbered 0..n-1.' })
  @RequireRole(Role.EDITOR)
  async moveArticle(
    @Args('id', { type: () => ID }) id: string,
    @Args('sectionId', { type: () => ID }) sectionId: string,
    @Args('position', { type: () => Int, description: 'From 0.' }) position: number,
    @Args('expectedVersion', OPTIONAL_VERSION) expectedVersion: number | null,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return showIssueOf(ctx, await this.articles.moveArticle(id, sectionId, position, expectedVersion, by));
  }

  @Mutation(() => ArticleModel, { description: 'EDITOR. Replaces all references of an article, in this order.' })
  @RequireRole(Role.EDITOR)
  async setArticleReferences(
    @Args('articleId', { type: () => ID }) articleId: string,
    @Args('references', { type: () => [ReferenceInput] }) references: ReferenceInput[],
    @Args('expectedVersion', OPTIONAL_VERSION) expectedVersion: number | null,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return showIssueOf(ctx, await this.articles.setArticleReferences(articleId, references, expectedVersion, by));
  }

  @Mutation(() => IssueModel, { description: 'EDITOR. Deletes an article with its references; returns its issue.' })
  @RequireRole(Role.EDITOR)
  async deleteArticle(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() by: Principal, @Context() ctx: GraphQLContext) {
    const issueId = await this.articles.deleteArticle(id, by);
    return showIssue(ctx, await this.editable.issue(issueId));
  }

  @Query(() => ArticleModel, { nullable: true, description: 'EDITOR. One article of an issue of any status, with its version.' })
  @RequireRole(Role.EDITOR)
  async editableArticle(@Args('id', { type: () => ID }) id: string, @Context() ctx: GraphQLContext) {
    return showIssueOf(ctx, await this.editable.article(id));
  }
}
