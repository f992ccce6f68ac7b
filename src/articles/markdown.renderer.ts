import MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export interface CitationTarget {
  label: string;
  url: string | null;
}

const CITATION = /^\[([^\]\s[]{1,40})\](?![(:])/;

/** `[n]` becomes a link to reference n: its URL, or the in-page anchor `#ref-n` when it has none. */
function citations(md: InstanceType<typeof MarkdownIt>): void {
  md.inline.ruler.before('link', 'citation', (state: StateInline, silent: boolean) => {
    if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
    const match = CITATION.exec(state.src.slice(state.pos));
    const targets = (state.env as { citations?: Map<string, CitationTarget> }).citations;
    const target = match && targets?.get(match[1]);
    if (!match || !target) return false;
    if (!silent) {
      const open = state.push('link_open', 'a', 1);
      open.attrSet('href', target.url ?? `#ref-${target.label}`);
      open.attrSet('class', 'citation');
      state.push('text', '', 0).content = `[${target.label}]`;
      state.push('link_close', 'a', -1);
    }
    state.pos += match[0].length;
    return true;
  });
}

// html: false escapes raw HTML in the source; the sanitizer below is the second fence.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(citations);

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 's'],
  allowedAttributes: { a: ['href', 'title', 'class', 'rel'], img: ['src', 'alt', 'title'], code: ['class'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

export function renderMarkdown(markdown: string, references: CitationTarget[] = []): string {
  const env = { citations: new Map(references.map((r) => [r.label, r])) };
  return sanitizeHtml(md.render(markdown, env), SANITIZE);
}

const EXCERPT_LENGTH = 140;

/** Plain text of the first paragraphs, cut at a character boundary (CJK has no spaces to cut at). */
export function excerpt(markdown: string, length = EXCERPT_LENGTH): string {
  const html = md.render(markdown, { citations: new Map() });
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join('').trimEnd()}…`;
}
