import { DocumentNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { operationDepth } from './query-limits.plugin';

function depth(query: string, operationName?: string): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  if (!operation) throw new Error('no operation');
  return operationDepth(operation, document);
}

/** F0 spreads F1 twice, F1 spreads F2 twice, ...: the document grows linearly, the expanded tree exponentially. */
function fanOutQuery(n: number): string {
  const fragments = Array.from({ length: n }, (_, i) =>
    i < n - 1 ? `fragment F${i} on Query { a { ...F${i + 1} } b { ...F${i + 1} } }` : `fragment F${i} on Query { x }`,
  );
  return `query { ...F0 }\n${fragments.join('\n')}`;
}

/** Counts how often the depth walk reads a fragment's selection set. */
function fragmentReads(query: string): number {
  const parsed = parse(query);
  let reads = 0;
  const counted = (f: FragmentDefinitionNode) =>
    new Proxy(f, {
      get(target, prop, receiver) {
        if (prop === 'selectionSet') reads++;
        return Reflect.get(target, prop, receiver);
      },
    });
  const document: DocumentNode = { ...parsed, definitions: parsed.definitions.map((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? counted(d) : d)) };
  operationDepth(document.definitions[0] as OperationDefinitionNode, document);
  return reads;
}

describe('operationDepth', () => {
  it.each([
    ['{ issues }', 1],
    ['{ issues { slug } }', 2],
    ['{ issues { edges { node { sections { articles { title } } } } } }', 6],
    ['{ a { b } c { d { e { f } } } }', 4],
    ['query Q($s: String!) { issue(slug: $s) { title previous { title } } }', 3],
  ])('%s has depth %i', (query, expected) => {
    expect(depth(query)).toBe(expected);
  });

  it('counts fields inside named fragments but not the spread itself', () => {
    expect(depth('{ issue { ...IssueParts } } fragment IssueParts on Issue { sections { title } }')).toBe(3);
  });

  it('follows nested fragments', () => {
    expect(depth('{ a { ...A } } fragment A on T { b { ...B } } fragment B on T { c { d } }')).toBe(4);
  });

  it('counts fields inside inline fragments but not the fragment itself', () => {
    expect(depth('{ node { ... on Article { references { url } } ... { id } } }')).toBe(3);
  });

  it('does not loop on recursive fragment spreads', () => {
    expect(depth('{ ...A } fragment A on Query { a { ...B } } fragment B on Query { b { ...A } }')).toBe(2);
    expect(depth('{ x { ...Self } } fragment Self on T { y { ...Self } }')).toBe(2);
  });

  it('ignores unknown fragments', () => {
    expect(depth('{ a { ...Missing } }')).toBe(1);
  });

  it('measures the given operation only', () => {
    const query = 'query Shallow { a } query Deep { a { b { c } } }';
    expect(depth(query, 'Shallow')).toBe(1);
    expect(depth(query, 'Deep')).toBe(3);
  });

  it('measures a fragment fan-out by its expanded depth', () => {
    expect(depth(fanOutQuery(12))).toBe(12);
  });

  it('does linear work on a fragment fan-out (a small query must not take exponential time)', () => {
    // 20 fragments of ~60 bytes each already take about a second; 30 would take many minutes.
    const small = fragmentReads(fanOutQuery(8));
    const large = fragmentReads(fanOutQuery(16));
    expect(large).toBeLessThanOrEqual(small * 4);
  });
});
