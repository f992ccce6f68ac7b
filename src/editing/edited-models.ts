import { EntityManager } from 'typeorm';
import { ArticleEntity } from '../articles/article.entity';
import { ArticleModel, toArticleModel } from '../articles/article.model';
import { hydrate } from '../database/hydrate';
import { IssueEntity } from '../issues/issue.entity';
import { IssueModel, toIssueModel } from '../issues/issue.model';
import { SectionEntity } from '../sections/section.entity';
import { SectionModel, toSectionModel } from '../sections/section.model';

/** A model that carries the version it was read at, for the client's next expectedVersion. */
export type Versioned<T> = T & { version: number };

type Row = Record<string, unknown>;

export function issueFromRow(m: EntityManager, row: Row): Versioned<IssueModel> {
  return Object.assign(toIssueModel(hydrate(m.getRepository(IssueEntity), row)), { version: row.version as number });
}

export function sectionFromRow(m: EntityManager, row: Row): Versioned<SectionModel> {
  return Object.assign(toSectionModel(hydrate(m.getRepository(SectionEntity), row)), { version: row.version as number });
}

export function articleFromRow(m: EntityManager, row: Row): Versioned<ArticleModel> {
  return Object.assign(toArticleModel(hydrate(m.getRepository(ArticleEntity), row)), { version: row.version as number });
}

/** Each read is one statement, so the version always belongs to the fields beside it. */
export async function readIssue(m: EntityManager, id: string): Promise<Versioned<IssueModel> | null> {
  const [row] = await m.query('SELECT * FROM issue WHERE id = $1', [id]);
  return row ? issueFromRow(m, row) : null;
}

export async function readSection(m: EntityManager, id: string): Promise<Versioned<SectionModel> | null> {
  const [row] = await m.query('SELECT * FROM section WHERE id = $1', [id]);
  return row ? sectionFromRow(m, row) : null;
}

export async function readArticle(m: EntityManager, id: string): Promise<Versioned<ArticleModel> | null> {
  const [row] = await m.query('SELECT * FROM article WHERE id = $1', [id]);
  return row ? articleFromRow(m, row) : null;
}
