import { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode, FragmentDefinitionNode, DocumentNode } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** A list field costs its children times the page size asked for, so `first: 100` nested twice is expensive. */
const pageSizeEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const first = typeof args.first === 'number' ? Math.max(args.first, 1) : undefined;
  return first === undefined ? undefined : 1 + childComplexity * first;
};

/** Refuses deep or costly operations before any resolver runs. */
export function queryLimitsPlugin(schema: () => GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<object>> {
      return {
        async didResolveOperation({ request, document, operation }) {
          if (!operation) return;
          const depth = operationDepth(operation, document);
          if (depth > limits.maxDepth) {
            throw new GraphQLError(`query depth ${depth} exceeds the limit of ${limits.maxDepth}`, { extensions: { code: 'QUERY_TOO_DEEP', depth, limit: limits.maxDepth, http: { status: 400 } } });
          }
          let complexity: number;
          try {
            complexity = getComplexity({
              schema: schema(),
              query: document,
              operationName: request.operationName ?? undefined,
              variables: request.variables ?? {},
              estimators: [pageSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Bad variables: Apollo's own validation answers them next, as BAD_USER_INPUT with a 400.
            return;
          }
          if (complexity > limits.maxComplexity) {
            throw new GraphQLError(`query complexity ${complexity} exceeds the limit of ${limits.maxComplexity}`, {
              extensions: { code: 'QUERY_TOO_COMPLEX', complexity, limit: limits.maxComplexity, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

export function operationDepth(operation: OperationDefinitionNode, document: DocumentNode): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  // Each fragment's depth is computed once: re-walking it per spread is exponential in nested fan-outs.
  const fragmentDepth = new Map<string, number>();
  const depthOf = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
    if (!set) return 0;
    let max = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) max = Math.max(max, s.selectionSet ? 1 + depthOf(s.selectionSet, visiting) : 1);
      else if (s.kind === Kind.INLINE_FRAGMENT) max = Math.max(max, depthOf(s.selectionSet, visiting));
      else max = Math.max(max, spreadDepth(s.name.value, visiting));
    }
    return max;
  };
  const spreadDepth = (name: string, visiting: Set<string>): number => {
    const known = fragmentDepth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // a cycle; graphql's validation rejects these anyway
    visiting.add(name);
    const depth = depthOf(fragments.get(name)?.selectionSet, visiting);
    visiting.delete(name);
    fragmentDepth.set(name, depth);
    return depth;
  };
  return depthOf(operation.selectionSet, new Set());
}
