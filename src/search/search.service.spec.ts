import { decodeCursor } from '../common/graphql/cursor';
import { cropStart, nextCursor, RawSearchResult } from './search.service';

const result = (offset: number, hitCount: number, totalHits: number): RawSearchResult => ({
  hits: Array.from({ length: hitCount }, (_, i) => ({ id: `id-${offset + i}`, title: 't', snippet: 's' })),
  totalHits,
  processingTimeMs: 1,
  offset,
  facets: { issues: [], years: [], sections: [], authors: [] },
  fragmentFallback: false,
});

describe('nextCursor', () => {
  it('points after the last hit of a page', () => {
    const cursor = nextCursor(result(0, 10, 25));
    expect(cursor).not.toBeNull();
    expect(decodeCursor(cursor!, ['number'])).toEqual([10]);
  });

  it('adds the offset of the current page', () => {
    expect(decodeCursor(nextCursor(result(10, 10, 25))!, ['number'])).toEqual([20]);
  });

  it('returns null on the last page', () => {
    expect(nextCursor(result(20, 5, 25))).toBeNull();
  });

  it('returns null when the page ends exactly at the total', () => {
    expect(nextCursor(result(0, 10, 10))).toBeNull();
  });

  it('points at the single remaining hit', () => {
    expect(decodeCursor(nextCursor(result(0, 24, 25))!, ['number'])).toEqual([24]);
  });

  it('returns null for an empty page, even when the total says more exist', () => {
    expect(nextCursor(result(0, 0, 0))).toBeNull();
    expect(nextCursor(result(30, 0, 25))).toBeNull();
    expect(nextCursor(result(0, 0, 5))).toBeNull();
  });

  it('returns null past the end', () => {
    expect(nextCursor(result(40, 1, 25))).toBeNull();
  });

  it('gives a cursor that the service can decode', () => {
    const cursor = nextCursor(result(0, 1, 2))!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(() => decodeCursor(cursor, ['number'])).not.toThrow();
  });
});

describe('cropStart', () => {
  it('returns a body of up to 80 characters unchanged', () => {
    expect(cropStart('')).toBe('');
    expect(cropStart('短正文')).toBe('短正文');
    const eighty = '甲'.repeat(80);
    expect(cropStart(eighty)).toBe(eighty);
  });

  it('keeps the first 80 characters and an ellipsis for a longer body', () => {
    expect(cropStart('甲'.repeat(81))).toBe(`${'甲'.repeat(80)}…`);
    expect(cropStart(`${'a'.repeat(80)}bcdef`)).toBe(`${'a'.repeat(80)}…`);
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '😀'.repeat(80);
    expect(cropStart(emoji)).toBe(emoji);
    const out = cropStart('😀'.repeat(81));
    expect(out).toBe(`${'😀'.repeat(80)}…`);
    expect([...out]).toHaveLength(81);
  });

  it('does not escape: the caller passes it through safeHighlight', () => {
    expect(cropStart('a < b')).toBe('a < b');
  });
});
