import { slugify, uniqueSlug } from '../common/slug';
import { CONTENT_LIMITS, ContentProblem, ParsedArticle, ParsedIssue, ParsedSection, ParseResult } from './authoring-format.types';
import { parseFrontMatter, splitNames } from './front-matter';
import { checkReferences, REFERENCE_DEFINITION, toReference } from './references.check';
import { TAG_PATTERN } from './format-rules';

const SECTION_HEADING = /^##\s+(\d{1,3})\.\s+(\S.*?)\s*$/;
const ARTICLE_HEADING = /^###\s+(\d{1,3})\.(\d{1,3})\s+(\S.*?)\s*$/;
const META_LINE = /^(Authors|Tags)\s*[::]\s*(.*)$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

interface Line {
  text: string;
  no: number;
  inCode: boolean;
}

/** Parses one issue in the authoring format (see README). Collects every error instead of stopping at the first. */
export function parseIssueMarkdown(source: string): ParseResult {
  const errors: ContentProblem[] = [];
  const warnings: ContentProblem[] = [];
  if (Buffer.byteLength(source, 'utf8') > CONTENT_LIMITS.fileBytes) {
    return { ok: false, errors: [{ line: 1, message: `file is larger than ${CONTENT_LIMITS.fileBytes} bytes`, field: 'markdown' }], warnings };
  }
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const raw = text.split('\n');
  raw.forEach((l, i) => l.includes('\0') && errors.push({ line: i + 1, message: 'contains a NUL byte', field: 'markdown' }));
  if (raw[0]?.trim() !== '---') {
    errors.push({ line: 1, message: 'the file must start with a "---" front matter block', field: 'frontMatter' });
    return { ok: false, errors: sortByLine(errors), warnings };
  }
  const close = raw.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (close < 0) {
    errors.push({ line: 1, message: 'the front matter block is not closed by a "---" line', field: 'frontMatter' });
    return { ok: false, errors: sortByLine(errors), warnings };
  }
  const front = parseFrontMatter(raw.slice(1, close).join('\n'), 2, errors);
  const lines = classify(raw, close + 1);
  const body = new StructureParser(errors, warnings).parse(lines);
  if (errors.length > 0 || !front) return { ok: false, errors: sortByLine(errors), warnings: sortByLine(warnings) };
  const issue: ParsedIssue = { ...front, summary: body.summary, sections: body.sections };
  return { ok: true, issue, warnings: sortByLine(warnings) };
}

/** Marks fenced-code lines and blanks out HTML comments (editorial notes), keeping line numbers. */
function classify(raw: string[], start: number): Line[] {
  const out: Line[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (let i = start; i < raw.length; i++) {
    let text = raw[i];
    if (fence === undefined) {
      // Comments first: a fence marker inside a comment is part of the note, not code.
      ({ text, inComment } = stripComments(text, inComment));
      const marker = FENCE.exec(text)?.[1];
      if (marker) fence = marker;
      out.push({ text, no: i + 1, inCode: marker !== undefined });
    } else {
      const marker = FENCE.exec(text)?.[1];
      if (marker?.[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      out.push({ text, no: i + 1, inCode: true });
    }
  }
  return out;
}

function stripComments(text: string, inComment: boolean): { text: string; inComment: boolean } {
  let out = '';
  let rest = text;
  while (rest.length > 0) {
    if (inComment) {
      const end = rest.indexOf('-->');
      if (end < 0) return { text: out, inComment: true };
      rest = rest.slice(end + 3);
      inComment = false;
    } else {
      const begin = rest.indexOf('<!--');
      if (begin < 0) return { text: out + rest, inComment: false };
      out += rest.slice(0, begin);
      rest = rest.slice(begin + 4);
      inComment = true;
    }
  }
  return { text: out, inComment };
}

interface ArticleDraft {
  article: ParsedArticle;
  sectionNumber: number;
  bodyLines: Line[];
}

class StructureParser {
  private summary: Line[] = [];
  private sections: Array<{ section: ParsedSection; intro: Line[]; articles: ArticleDraft[] }> = [];

  constructor(
    private readonly errors: ContentProblem[],
    private readonly warnings: ContentProblem[],
  ) {}

  parse(lines: Line[]): { summary: string | null; sections: ParsedSection[] } {
    for (const line of lines) this.consume(line);
    if (this.sections.length === 0) this.errors.push({ line: lines[0]?.no ?? 1, message: 'the issue has no "## N. Title" section', field: 'sections' });
    const sections = this.sections.map((s) => this.finishSection(s));
    this.checkNumbers(sections);
    return { summary: joinMarkdown(this.summary), sections };
  }

  private consume(line: Line): void {
    const current = this.sections.at(-1);
    const article = current?.articles.at(-1);
    if (!line.inCode && line.text.startsWith('##')) {
      if (this.heading(line)) return;
    }
    if (article) article.bodyLines.push(line);
    else if (current) current.intro.push(line);
    else this.summary.push(line);
  }

  /** Returns true when the line was a section or article heading. */
  private heading(line: Line): boolean {
    const section = SECTION_HEADING.exec(line.text);
    if (section) {
      const title = this.limited(section[2], CONTENT_LIMITS.title, line.no, 'section title');
      this.sections.push({ section: { number: Number(section[1]), title, intro: null, articles: [], line: line.no }, intro: [], articles: [] });
      return true;
    }
    const article = ARTICLE_HEADING.exec(line.text);
    if (article) return this.startArticle(line, article);
    if (/^###?\s/.test(line.text)) {
      const expected = line.text.startsWith('###') ? '"### N.M Title"' : '"## N. Title"';
      this.errors.push({ line: line.no, message: `malformed heading: expected ${expected}`, field: 'heading' });
      return true;
    }
    return false;
  }

  private startArticle(line: Line, match: RegExpExecArray): boolean {
    const current = this.sections.at(-1);
    if (!current) {
      this.errors.push({ line: line.no, message: 'an article heading comes before any "## N. Title" section', field: 'heading' });
      return true;
    }
    const title = this.limited(match[3], CONTENT_LIMITS.title, line.no, 'article title');
    const article: ParsedArticle = { number: `${Number(match[1])}.${Number(match[2])}`, slug: '', title, authors: [], tags: [], body: '', references: [], line: line.no };
    current.articles.push({ article, sectionNumber: current.section.number, bodyLines: [] });
    return true;
  }

  private finishSection(s: { section: ParsedSection; intro: Line[]; articles: ArticleDraft[] }): ParsedSection {
    s.section.intro = joinMarkdown(s.intro);
    s.section.articles = s.articles.map((draft) => this.finishArticle(draft));
    if (s.section.articles.length > CONTENT_LIMITS.articlesPerSection) {
      this.errors.push({ line: s.section.line, message: `section ${s.section.number} has more than ${CONTENT_LIMITS.articlesPerSection} articles`, field: 'articles' });
    }
    return s.section;
  }

  private finishArticle({ article, sectionNumber, bodyLines }: ArticleDraft): ParsedArticle {
    const rest = this.readMeta(article, bodyLines);
    const kept: Line[] = [];
    for (const line of rest) {
      const def = line.inCode ? null : REFERENCE_DEFINITION.exec(line.text);
      if (def) article.references.push(toReference(def, line.no));
      else kept.push(line);
    }
    article.body = joinMarkdown(kept) ?? '';
    if (article.body.length > CONTENT_LIMITS.body) this.errors.push({ line: article.line, message: `article ${article.number} body is longer than ${CONTENT_LIMITS.body} characters`, field: 'body' });
    if (!article.number.startsWith(`${sectionNumber}.`)) {
      this.warnings.push({ line: article.line, message: `article ${article.number} is numbered outside its section ${sectionNumber}`, field: 'number' });
    }
    checkReferences(article, this.errors, this.warnings);
    return article;
  }

  /** `Authors:` and `Tags:` lines directly under the heading, in either order. */
  private readMeta(article: ParsedArticle, lines: Line[]): Line[] {
    let i = 0;
    while (i < lines.length && lines[i].text.trim() === '' && !lines[i].inCode) i++;
    const seen = new Set<string>();
    for (; i < lines.length && !lines[i].inCode; i++) {
      const meta = META_LINE.exec(lines[i].text.trim());
      if (!meta) break;
      if (seen.has(meta[1])) this.errors.push({ line: lines[i].no, message: `article ${article.number} has a second ${meta[1]} line`, field: meta[1].toLowerCase() });
      seen.add(meta[1]);
      if (meta[1] === 'Authors') article.authors = this.authors(meta[2], lines[i].no);
      else article.tags = this.tags(meta[2], lines[i].no);
    }
    return lines.slice(i);
  }

  private authors(text: string, line: number): string[] {
    const names = splitNames(text);
    if (names.length > CONTENT_LIMITS.authorsPerArticle) this.errors.push({ line, message: `more than ${CONTENT_LIMITS.authorsPerArticle} authors`, field: 'authors' });
    return names.map((n) => this.limited(n, CONTENT_LIMITS.shortText, line, 'author name'));
  }

  private tags(text: string, line: number): string[] {
    const tags = [...new Set(splitNames(text).map((t) => t.toLowerCase()))];
    for (const tag of tags.filter((t) => !TAG_PATTERN.test(t))) {
      this.errors.push({ line, message: `tag "${tag}" must be 1-40 lowercase letters, digits or . _ + -`, field: 'tags' });
    }
    if (tags.length > CONTENT_LIMITS.tagsPerArticle) this.errors.push({ line, message: `more than ${CONTENT_LIMITS.tagsPerArticle} tags`, field: 'tags' });
    return tags;
  }

  private limited(value: string, max: number, line: number, what: string): string {
    if (value.length > max) this.errors.push({ line, message: `${what} is longer than ${max} characters`, field: what.split(' ').at(-1) });
    return value;
  }

  private checkNumbers(sections: ParsedSection[]): void {
    if (sections.length > CONTENT_LIMITS.sections) this.errors.push({ line: sections[0].line, message: `more than ${CONTENT_LIMITS.sections} sections`, field: 'sections' });
    const sectionLines = new Map<number, number>();
    for (const s of sections) {
      const first = sectionLines.get(s.number);
      if (first !== undefined) this.errors.push({ line: s.line, message: `section number ${s.number} is used twice (first on line ${first})`, field: 'number' });
      else sectionLines.set(s.number, s.line);
    }
    const numberLines = new Map<string, number>();
    const slugs = new Set<string>();
    for (const a of sections.flatMap((s) => s.articles)) {
      const first = numberLines.get(a.number);
      if (first !== undefined) this.warnings.push({ line: a.line, message: `article number ${a.number} is used twice (first on line ${first})`, field: 'number' });
      else numberLines.set(a.number, a.line);
      const base = slugify(a.title) || `article-${a.number.replace('.', '-')}`;
      a.slug = uniqueSlug(base, slugs);
      if (a.slug !== base) this.warnings.push({ line: a.line, message: `article slug "${base}" is used twice; this one becomes "${a.slug}"`, field: 'slug' });
      slugs.add(a.slug);
    }
  }
}

function joinMarkdown(lines: Line[]): string | null {
  const text = lines.map((l) => (l.text.trim() === '' ? '' : l.text)).join('\n').replace(/^\n+|\n+$/g, '');
  return text.length > 0 ? text : null;
}

function sortByLine(problems: ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
