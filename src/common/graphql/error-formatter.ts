import { unwrapResolverError } from '@apollo/server/errors';
import { Logger } from '@nestjs/common';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { requestContext } from '../request/request-context';
import { DomainError } from '../errors/domain-error';

/** Codes that graphql-js and Apollo attach to the client's own mistakes; these pass through unmasked. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'QUERY_TOO_COMPLEX',
  'QUERY_TOO_DEEP',
]);

const logger = new Logger('GraphQL');

/** One place maps errors to `extensions.code`; everything unexpected is masked and logged with the request id. */
export function formatGraphQLError(includeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: { code: original.code, ...original.details } };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (code && CLIENT_CODES.has(code)) return withoutStack(formatted, includeStack);
    // Apollo's own request errors (a persisted-query hash that does not match) carry only an HTTP 4xx status.
    const status = (original as GraphQLError)?.extensions?.http as { status?: number } | undefined;
    if (original instanceof GraphQLError && !original.originalError && status?.status && status.status < 500) {
      return withoutStack({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } }, includeStack);
    }
    if (original instanceof GraphQLError && !original.originalError && !code) return withoutStack(formatted, includeStack);
    const requestId = requestContext.current()?.requestId;
    logger.error(`request ${requestId ?? '-'}: ${(original as Error)?.stack ?? String(original)}`);
    return {
      message: includeStack ? formatted.message : 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId, ...(includeStack ? { stacktrace: (original as Error)?.stack?.split('\n') } : {}) },
    };
  };
}

function withoutStack(formatted: GraphQLFormattedError, includeStack: boolean): GraphQLFormattedError {
  if (includeStack || !formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
