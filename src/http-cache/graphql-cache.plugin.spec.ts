import { parse } from 'graphql';
import { asksForPreview } from './graphql-cache.plugin';

describe('asksForPreview', () => {
  it.each([
    ['query($t: String!) { previewIssue(token: $t) { slug } }', true],
    ['{ a: issue(slug: "x", preview: true) { slug } }', true],
    ['query($p: Boolean!) { issue(slug: "x", preview: $p) { slug } }', true],
    ['{ issue(slug: "x") { ...F } } fragment F on Issue { next { slug } } query Other { previewIssue(token: "t") { slug } }', true],
    ['{ issue(slug: "x", preview: false) { slug } }', false],
    ['{ issues { edges { node { slug } } } }', false],
  ])('%s → %p', (query, expected) => {
    expect(asksForPreview(parse(query))).toBe(expected);
  });
});
