import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import { BREAK, DocumentNode, Kind, visit } from 'graphql';
import { NO_STORE } from './cache-policy';

interface CacheContext {
  /** Drafts this request was allowed to see (see GraphQLContext). */
  visibleDrafts?: ReadonlySet<string>;
}

/**
 * Decides each GraphQL response's `Cache-Control`: public only for an error-free query, sent without `Authorization`,
 * that previews nothing. The ETag is added later over the exact bytes (conditionalGet), which Apollo has not written yet.
 */
export function graphqlCachePlugin(publicCacheControl: string): ApolloServerPlugin<CacheContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(ctx) {
          ctx.response.http.headers.set('cache-control', isCacheable(ctx) ? publicCacheControl : NO_STORE);
        },
      };
    },
  };
}

function isCacheable({ request, response, operation, document, contextValue }: GraphQLRequestContextWillSendResponse<CacheContext>): boolean {
  if (response.body.kind !== 'single' || (response.body.singleResult.errors?.length ?? 0) > 0) return false;
  if (operation?.operation !== 'query' || request.http?.headers.has('authorization')) return false;
  if ((contextValue.visibleDrafts?.size ?? 0) > 0) return false;
  return !document || !asksForPreview(document);
}

/** `previewIssue`, or a `preview` argument that is not literally false: such answers may hold drafts even when empty. */
export function asksForPreview(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === 'previewIssue') {
        found = true;
        return BREAK;
      }
    },
    Argument(node) {
      if (node.name.value === 'preview' && !(node.value.kind === Kind.BOOLEAN && !node.value.value)) {
        found = true;
        return BREAK;
      }
    },
  });
  return found;
}
