/**
 * The snapshot document: one self-contained, versioned JSON file per export. It carries ids so a mirror keeps
 * them, and only public fields, so applying it elsewhere reproduces the same public GraphQL output.
 */
export const SNAPSHOT_FORMAT_VERSION = 1;

export interface SnapshotContributor {
  id: string;
  slug: string;
  name: string;
  affiliation: string | null;
}

export interface SnapshotReference {
  id: string;
  label: string;
  url: string | null;
  title: string | null;
  kind: string;
  externalId: string | null;
}

export interface SnapshotArticle {
  id: string;
  number: string;
  position: number;
  slug: string;
  title: string;
  body: string;
  tags: string[];
  language: string;
  /** Contributor ids, in byline order. */
  authors: string[];
  references: SnapshotReference[];
}

export interface SnapshotSection {
  id: string;
  number: number;
  title: string;
  intro: string | null;
  articles: SnapshotArticle[];
}

export interface SnapshotIssue {
  id: string;
  slug: string;
  number: number;
  title: string;
  period: string;
  publisher: string | null;
  summary: string | null;
  /** ISO 8601 with microseconds, so the target stores exactly the origin's instant. */
  publishedAt: string;
  publishedOn: string | null;
  sourceUrl: string | null;
  previousSlug: string | null;
  /** Contributor ids, in masthead order. */
  editors: string[];
  sections: SnapshotSection[];
}

export interface SnapshotDocument {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  exportedAt: string;
  /** The change-stream cursor this snapshot is consistent with; a mirror follows the stream from here. */
  changeCursor: string | null;
  /** Everyone the issues name, once each (contributors are shared between issues). */
  contributors: SnapshotContributor[];
  issues: SnapshotIssue[];
}

/** One problem in a snapshot file, located by a JSON path such as `$.issues[0].sections[1].id`. */
export interface SnapshotProblem {
  path: string;
  message: string;
}
