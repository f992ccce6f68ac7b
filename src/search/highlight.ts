const OPEN = '\u0001';
const CLOSE = '\u0002';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Makes a Meilisearch highlight safe to render as HTML: the text is escaped, only our `<mark>` tags remain,
 * and adjacent marks are merged (Chinese matches come as runs of one-word marks).
 */
export function safeHighlight(highlighted: string): string {
  const marked = highlighted.split(OPEN).join('').split(CLOSE).join('').replace(/<mark>/g, OPEN).replace(/<\/mark>/g, CLOSE);
  return escapeHtml(marked)
    .replace(new RegExp(`${CLOSE}(\\s*)${OPEN}`, 'g'), '$1')
    .replace(new RegExp(OPEN, 'g'), '<mark>')
    .replace(new RegExp(CLOSE, 'g'), '</mark>');
}
