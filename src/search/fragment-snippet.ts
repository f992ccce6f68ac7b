const CONTEXT = 40;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * For hits found through the fragment fallback, Meilisearch has nothing to highlight (it matched opaque
 * bigram tokens), so mark the first fragment found in the plain body and crop around it. Works on code
 * points, so a character outside the BMP is never cut in half.
 */
export function fragmentSnippet(body: string, query: string): string {
  const chars = [...body];
  const at = query
    .split(/\s+/)
    .map((word) => word.replace(/^"+|"+$/g, ''))
    .filter(Boolean)
    .map((fragment) => ({ fragment: [...fragment], index: indexOfChars(chars, [...fragment]) }))
    .find((x) => x.index >= 0);
  if (!at) return escapeHtml(chars.slice(0, 2 * CONTEXT).join(''));
  const end = at.index + at.fragment.length;
  const from = Math.max(0, at.index - CONTEXT);
  const to = Math.min(chars.length, end + CONTEXT);
  const piece = (a: number, b: number) => escapeHtml(chars.slice(a, b).join(''));
  return `${from > 0 ? '…' : ''}${piece(from, at.index)}<mark>${piece(at.index, end)}</mark>${piece(end, to)}${to < chars.length ? '…' : ''}`;
}

function indexOfChars(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
