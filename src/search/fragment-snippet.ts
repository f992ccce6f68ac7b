const CONTEXT = 40;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * For hits found through the fragment fallback, Meilisearch has nothing to highlight (it matched opaque
 * bigram tokens), so mark the first fragment found in the plain body and crop around it.
 */
export function fragmentSnippet(body: string, query: string): string {
  const at = query
    .split(/\s+/)
    .filter(Boolean)
    .map((fragment) => ({ fragment, index: body.indexOf(fragment) }))
    .find((x) => x.index >= 0);
  if (!at) return escapeHtml([...body].slice(0, 2 * CONTEXT).join(''));
  const start = Math.max(0, at.index - CONTEXT);
  const end = Math.min(body.length, at.index + at.fragment.length + CONTEXT);
  const before = escapeHtml(body.slice(start, at.index));
  const after = escapeHtml(body.slice(at.index + at.fragment.length, end));
  return `${start > 0 ? '…' : ''}${before}<mark>${escapeHtml(at.fragment)}</mark>${after}${end < body.length ? '…' : ''}`;
}
