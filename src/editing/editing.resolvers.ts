import type { Type } from '@nestjs/common';
import { ArticleEditingResolver } from './article-editing.resolver';
import { ContributorEditingResolver } from './contributor-editing.resolver';
import { IssueEditingResolver } from './issue-editing.resolver';
import { ArticleVersionResolver, IssueVersionResolver, SectionVersionResolver } from './version-fields.resolver';

/** This feature's resolvers: registered by EditingModule and listed in the generated schema. */
export const EDITING_RESOLVERS: Type[] = [
  IssueEditingResolver,
  ArticleEditingResolver,
  ContributorEditingResolver,
  IssueVersionResolver,
  SectionVersionResolver,
  ArticleVersionResolver,
];
