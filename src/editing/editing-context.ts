import { Int } from '@nestjs/graphql';
import { IssueModel } from '../issues/issue.model';
import type { GraphQLContext } from '../loaders/graphql-context';

/**
 * Lets the rest of an editor's request resolve the (possibly draft) issue it just edited or read. The loader is
 * primed with the versioned model, so `issue { version }` below an edited article shows what was written.
 */
export function showIssue<T extends IssueModel | null>(ctx: GraphQLContext, issue: T): T {
  if (issue) {
    ctx.visibleDrafts.add(issue.id);
    ctx.loaders.visibleIssueById.clear(issue.id).prime(issue.id, issue);
  }
  return issue;
}

/** The same for a section or article: its issue becomes visible to this request. */
export function showIssueOf<T extends { issueId: string } | null>(ctx: GraphQLContext, child: T): T {
  if (child) ctx.visibleDrafts.add(child.issueId);
  return child;
}

export const VERSION = { type: () => Int, description: 'The version you last read; a stale one is refused with CONFLICT and extensions.currentVersion.' };
export const OPTIONAL_VERSION = { ...VERSION, nullable: true };
