import { ifNoneMatchHits, strongEtag } from './etag';

describe('strongEtag', () => {
  it('is a quoted hash that changes with any byte, including in Chinese text', () => {
    const tag = strongEtag('{"title":"内核月报"}');
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(strongEtag(Buffer.from('{"title":"内核月报"}'))).toBe(tag);
    expect(strongEtag('{"title":"内核月刊"}')).not.toBe(tag);
  });
});

describe('ifNoneMatchHits', () => {
  const tag = strongEtag('body');

  it.each([
    [tag, true],
    [`"other", ${tag}`, true],
    [`W/${tag}`, true],
    ['*', true],
    ['"other"', false],
    ['', false],
    [undefined, false],
  ])('%p → %p', (header, expected) => {
    expect(ifNoneMatchHits(header, tag)).toBe(expected);
  });
});
