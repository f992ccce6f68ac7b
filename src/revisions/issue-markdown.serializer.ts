import { stringify } from 'yaml';
import type { ArticleContent, IssueContent, ReferenceContent, SectionContent } from './issue-content';

/** The parser reads such a line right under an article heading as metadata, not as body text. */
const META_LINE = /^(Authors|Tags)\s*[::]/;
/** Outside code, the parser takes these as section or article headings (or refuses them as malformed). */
const HEADING_LIKE = /^###?\s/;
/** The parser's fence rule: a fence closes on the same character, at least as long. */
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/**
 * Writes an issue back in the authoring format (see README), so that parsing the result gives the same content.
 * Pure: the revision snapshot and the round-trip unit test both call it.
 */
export function serializeIssue(issue: IssueContent): string {
  return joinBlocks([frontMatter(issue), prose(issue.summary), ...issue.sections.map(section)]) + '\n';
}

function frontMatter(issue: IssueContent): string {
  const keys = {
    slug: issue.slug,
    number: issue.number,
    title: issue.title,
    period: issue.period,
    publisher: issue.publisher,
    publishedOn: issue.publishedOn,
    sourceUrl: issue.sourceUrl,
    editors: issue.editors.length > 0 ? issue.editors : null,
    previous: issue.previous,
  };
  const present = Object.fromEntries(Object.entries(keys).filter(([, value]) => value != null));
  // lineWidth 0: a long title stays on one line instead of being folded.
  return `---\n${stringify(present, { lineWidth: 0 })}---`;
}

function section(s: SectionContent): string {
  return joinBlocks([`## ${s.number}. ${s.title}`, prose(s.intro), ...s.articles.map(article)]);
}

function article(a: ArticleContent): string {
  const head = [`### ${a.number} ${a.title}`];
  if (a.authors.length > 0) head.push(`Authors: ${a.authors.join(', ')}`);
  if (a.tags.length > 0) head.push(`Tags: ${a.tags.join(', ')}`);
  // With no metadata line, a body starting "Tags: ..." would be read as one; an empty Tags line fences it off.
  if (head.length === 1 && META_LINE.test(a.body.trimStart().split('\n', 1)[0])) head.push('Tags:');
  return joinBlocks([head.join('\n'), prose(a.body), a.references.map(reference).join('\n')]);
}

/**
 * Markdown written through the editing API may hold its own `## Heading` lines. Outside code they get one
 * leading space: CommonMark renders that the same, and the parser no longer takes it for the issue's structure.
 * Imported text never needs either change, so it round-trips unchanged.
 */
export function prose(markdown: string | null): string | null {
  if (markdown === null) return null;
  let fence: string | undefined;
  const lines = markdown.split('\n').map((line) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence === undefined) {
      fence = marker;
      return marker === undefined && HEADING_LIKE.test(line) ? ` ${line}` : line;
    }
    if (marker?.[0] === fence[0] && marker.length >= fence.length) fence = undefined;
    return line;
  });
  // An unclosed fence would swallow the rest of the file; Markdown ends it with the text anyway.
  if (fence !== undefined) lines.push(fence);
  return lines.join('\n');
}

function reference(r: ReferenceContent): string {
  const target = r.url ?? '<>';
  return r.title === null ? `[${r.label}]: ${target}` : `[${r.label}]: ${target} ${quoteTitle(r.title)}`;
}

/**
 * The parser accepts "…", '…' or (…) and none of them can escape its own delimiter, so pick one the title
 * does not contain. A title holding all three (never seen in the source) gets its " turned into ”.
 */
export function quoteTitle(title: string): string {
  if (!title.includes('"')) return `"${title}"`;
  if (!title.includes("'")) return `'${title}'`;
  if (!title.includes(')')) return `(${title})`;
  return `"${title.replaceAll('"', '”')}"`;
}

function joinBlocks(blocks: Array<string | null>): string {
  return blocks.filter((b): b is string => b !== null && b !== '').join('\n\n');
}
