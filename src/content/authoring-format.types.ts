export interface ContentProblem {
  line: number;
  message: string;
  /** The front-matter key or structural element the problem is about. */
  field?: string;
}

export interface ParsedReference {
  label: string;
  url: string | null;
  title: string | null;
  line: number;
}

export interface ParsedArticle {
  number: string;
  slug: string;
  title: string;
  authors: string[];
  tags: string[];
  body: string;
  references: ParsedReference[];
  line: number;
}

export interface ParsedSection {
  number: number;
  title: string;
  intro: string | null;
  articles: ParsedArticle[];
  line: number;
}

export interface ParsedIssue {
  slug: string;
  number: number;
  title: string;
  period: string;
  publisher: string | null;
  publishedOn: string | null;
  sourceUrl: string | null;
  editors: string[];
  previous: string | null;
  summary: string | null;
  sections: ParsedSection[];
}

export type ParseResult =
  | { ok: true; issue: ParsedIssue; warnings: ContentProblem[] }
  | { ok: false; errors: ContentProblem[]; warnings: ContentProblem[] };

export const CONTENT_LIMITS = {
  fileBytes: 2 * 1024 * 1024,
  title: 300,
  shortText: 200,
  body: 200_000,
  sections: 50,
  articlesPerSection: 200,
  referencesPerArticle: 200,
  authorsPerArticle: 50,
  tagsPerArticle: 20,
  editors: 50,
  url: 2000,
} as const;
