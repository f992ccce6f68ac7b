import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';
import { SectionModel } from '../sections/section.model';
import { CreateIssueInput, CreateSectionInput, UpdateIssueInput, UpdateSectionInput } from './dto/issue.inputs';
import { EditableService } from './editable.service';
import { OPTIONAL_VERSION, showIssue, showIssueOf, VERSION } from './editing-context';
import { IssueEditingService } from './issue-editing.service';
import { SectionEditingService } from './section-editing.service';

@Resolver()
export class IssueEditingResolver {
  constructor(
    private readonly issues: IssueEditingService,
    private readonly sections: SectionEditingService,
    private readonly editable: EditableService,
  ) {}

  @Mutation(() => IssueModel, { description: 'EDITOR. Creates a DRAFT issue.' })
  @RequireRole(Role.EDITOR)
  async createIssue(@Args('input') input: CreateIssueInput, @CurrentPrincipal() by: Principal, @Context() ctx: GraphQLContext) {
    return showIssue(ctx, await this.issues.createIssue(input, by));
  }

  @Mutation(() => IssueModel, { description: 'EDITOR. Changes the given fields of an issue of any status.' })
  @RequireRole(Role.EDITOR)
  async updateIssue(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateIssueInput,
    @Args('expectedVersion', VERSION) expectedVersion: number,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return showIssue(ctx, await this.issues.updateIssue(id, input, expectedVersion, by));
  }

  @Mutation(() => SectionModel, { description: 'EDITOR. Adds a section to an issue.' })
  @RequireRole(Role.EDITOR)
  async createSection(@Args('input') input: CreateSectionInput, @CurrentPrincipal() by: Principal, @Context() ctx: GraphQLContext) {
    return showIssueOf(ctx, await this.sections.createSection(input, by));
  }

  @Mutation(() => SectionModel, { description: 'EDITOR. Changes the given fields of a section.' })
  @RequireRole(Role.EDITOR)
  async updateSection(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateSectionInput,
    @Args('expectedVersion', VERSION) expectedVersion: number,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return showIssueOf(ctx, await this.sections.updateSection(id, input, expectedVersion, by));
  }

  @Mutation(() => IssueModel, { description: 'EDITOR. Deletes a section; one that still has articles needs deleteArticles: true. Returns its issue.' })
  @RequireRole(Role.EDITOR)
  async deleteSection(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', OPTIONAL_VERSION) expectedVersion: number | null,
    @Args('deleteArticles', { defaultValue: false, description: 'Also delete the articles still in it.' }) deleteArticles: boolean,
    @CurrentPrincipal() by: Principal,
    @Context() ctx: GraphQLContext,
  ) {
    return showIssue(ctx, await this.sections.deleteSection(id, expectedVersion, deleteArticles, by));
  }

  @Query(() => IssueModel, { nullable: true, description: 'EDITOR. One issue of any status, with its version.' })
  @RequireRole(Role.EDITOR)
  async editableIssue(@Args('id', { type: () => ID }) id: string, @Context() ctx: GraphQLContext) {
    return showIssue(ctx, await this.editable.issue(id));
  }

  @Query(() => SectionModel, { nullable: true, description: 'EDITOR. One section of an issue of any status, with its version.' })
  @RequireRole(Role.EDITOR)
  async editableSection(@Args('id', { type: () => ID }) id: string, @Context() ctx: GraphQLContext) {
    return showIssueOf(ctx, await this.editable.section(id));
  }
}
