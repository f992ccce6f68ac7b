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

/** Where a bare URL really ends: before CJK text or full-width punctuation, and without trailing `,;:!?` or a lone `.`. */
export function bareUrlLength(raw: string): number {
  const cjk = raw.search(/[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]/u);
  let end = cjk >= 0 ? cjk : raw.length;
  while (end > 0 && ',;:!?'.includes(raw[end - 1])) end--;
  if (raw[end - 1] === '.' && raw[end - 2] !== '.') end--;
  return end;
}

type LinkMatch = { raw: string; text: string; url: string; index: number; lastIndex: number };

function trimMatch<T extends LinkMatch | null>(m: T): T {
  if (!m) return m;
  const keep = bareUrlLength(m.raw);
  if (keep === m.raw.length) return m;
  const raw = m.raw.slice(0, keep);
  return Object.assign(m, { raw, text: raw, url: m.url.slice(0, m.url.length - (m.raw.length - keep)), lastIndex: m.index + keep });
}

// linkify-it's defaults run a URL on into Chinese text ("…/1/,以及") and keep a trailing ":"; trim its matches.
function cjkAwareLinkify(md: InstanceType<typeof MarkdownIt>): void {
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  const { match, matchAtStart } = md.linkify;
  md.linkify.matchAtStart = (text: string) => trimMatch(matchAtStart.call(md.linkify, text) as LinkMatch | null) as never;
  md.linkify.match = (text: string) => (match.call(md.linkify, text) as LinkMatch[] | null)?.map((m) => trimMatch(m)).filter((m) => m.raw.length > 0) as never;
}

// html: false escapes raw HTML in the source; the sanitizer below is the second fence.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false }).use(citations).use(cjkAwareLinkify);

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

/** The body as plain text: what readers see, without markup (search indexes this). */
export function markdownToText(markdown: string): string {
  const html = md.render(markdown, { citations: new Map() });
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain text of the first paragraphs, cut at a character boundary (CJK has no spaces to cut at). */
export function excerpt(markdown: string, length = EXCERPT_LENGTH): string {
  const chars = [...markdownToText(markdown)];
  return chars.length <= length ? chars.join('') : `${chars.slice(0, length).join('').trimEnd()}…`;
}
