import { DomainError, ErrorCode } from '../errors/domain-error';
import { checkPageSize, MAX_PAGE_SIZE, toConnection } from './connection';
import { decodeCursor } from './cursor';

interface Row {
  slug: string;
  n: number;
}

const rows = (count: number): Row[] => Array.from({ length: count }, (_, i) => ({ slug: `s${i}`, n: i }));
const page = (fetched: Row[], first: number, after?: string | null) =>
  toConnection(fetched, first, after, (r) => [r.slug, r.n], (r) => ({ id: r.slug }));

describe('checkPageSize', () => {
  it.each([1, 20, MAX_PAGE_SIZE])('accepts %p', (first) => {
    expect(checkPageSize(first)).toBe(first);
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 1.5, NaN, Infinity])('rejects %p with BAD_USER_INPUT on first', (first) => {
    let error: unknown;
    try {
      checkPageSize(first);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'first' } });
    expect((error as Error).message).toBe(`first must be between 1 and 100 (got ${first})`);
  });

  it('names the given field', () => {
    expect(() => checkPageSize(0, 'articlesFirst')).toThrow(expect.objectContaining({ details: { field: 'articlesFirst' } }));
  });

  it('caps at 100', () => {
    expect(MAX_PAGE_SIZE).toBe(100);
  });
});

describe('toConnection', () => {
  it('returns first rows and reports a next page when one more was fetched', () => {
    const c = page(rows(4), 3);
    expect(c.edges.map((e) => e.node)).toEqual([{ id: 's0' }, { id: 's1' }, { id: 's2' }]);
    expect(c.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
  });

  it('reports no next page when exactly first rows were fetched', () => {
    const c = page(rows(3), 3);
    expect(c.edges).toHaveLength(3);
    expect(c.pageInfo.hasNextPage).toBe(false);
  });

  it('encodes each row key in its cursor; start and end cursors match the edges', () => {
    const c = page(rows(3), 2, 'some-cursor');
    expect(c.edges.map((e) => decodeCursor(e.cursor, ['string', 'number']))).toEqual([['s0', 0], ['s1', 1]]);
    expect(c.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: c.edges[0].cursor, endCursor: c.edges[1].cursor });
  });

  it('gives null cursors for an empty page', () => {
    expect(page([], 5, null)).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null } });
  });

  it('treats an empty after as the first page', () => {
    expect(page(rows(1), 5, '').pageInfo.hasPreviousPage).toBe(false);
  });
});
