import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { checkPageSize, ConnectionShape } from '../common/graphql/connection';
import { decodeCursor } from '../common/graphql/cursor';
import { pagesByOwner } from '../common/graphql/pages-by-owner';
import { checkUuid } from '../common/uuid';
import { hydrate } from '../database/hydrate';
import { ArticleEntity } from './article.entity';
import { ArticleModel, toArticleModel } from './article.model';

type ArticleRow = ArticleEntity & { sortKey: [number, number, number] };

@Injectable()
export class ArticlesService {
  constructor(@InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>) {}

  async findPublishedById(id: string): Promise<ArticleModel | null> {
    const found = await this.publishedQuery().andWhere('a.id = :id', { id: checkUuid(id) }).getOne();
    return found ? toArticleModel(found) : null;
  }

  async findPublishedBySlug(issueSlug: string, slug: string): Promise<ArticleModel | null> {
    const found = await this.publishedQuery().andWhere('i.slug = :issueSlug AND a.slug = :slug', { issueSlug, slug }).getOne();
    return found ? toArticleModel(found) : null;
  }

  async publishedByIds(ids: readonly string[]): Promise<ArticleModel[]> {
    const rows = await this.publishedQuery().andWhere('a.id IN (:...ids)', { ids: [...ids] }).getMany();
    return rows.map(toArticleModel);
  }

  /** Articles of the given sections, in reading order. Callers reach sections only through published issues. */
  async bySectionIds(sectionIds: readonly string[]): Promise<ArticleModel[]> {
    const rows = await this.articles.find({ where: { sectionId: In([...sectionIds]) }, order: { position: 'ASC' } });
    return rows.map(toArticleModel);
  }

  async countByIssueIds(issueIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ issue_id: string; count: string }> = await this.articles
      .createQueryBuilder('a')
      .select('a.issue_id', 'issue_id')
      .addSelect('count(*)', 'count')
      .where('a.issue_id IN (:...ids)', { ids: [...issueIds] })
      .groupBy('a.issue_id')
      .getRawMany();
    return new Map(rows.map((r) => [r.issue_id, Number(r.count)]));
  }

  /** One page per contributor of the published articles they wrote: newest issue first, then reading order. */
  async publishedByAuthors(contributorIds: readonly string[], first: number, after?: string | null): Promise<Map<string, ConnectionShape<ArticleModel>>> {
    checkPageSize(first);
    const key = after ? (decodeCursor(after, ['number', 'number', 'number']) as number[]) : [null, null, null];
    const rows: Array<Record<string, unknown>> = await this.articles.query(
      `SELECT * FROM (
         SELECT a.*, ac.contributor_id AS owner_id, i.number AS issue_number, s.number AS section_number,
                row_number() OVER (PARTITION BY ac.contributor_id ORDER BY i.number DESC, s.number, a.position) AS rn
         FROM article_contributor ac
         JOIN article a ON a.id = ac.article_id
         JOIN section s ON s.id = a.section_id
         JOIN issue i ON i.id = a.issue_id
         WHERE ac.contributor_id = ANY($1) AND i.status = 'PUBLISHED'
           AND ($2::int IS NULL OR (-i.number, s.number, a.position) > (-$2::int, $3::int, $4::int))
       ) page WHERE rn <= $5 ORDER BY owner_id, rn`,
      [[...contributorIds], ...key, first + 1],
    );
    const toRow = (row: Record<string, unknown>): ArticleRow =>
      Object.assign(hydrate(this.articles, row), { sortKey: [row.issue_number, row.section_number, row.position] as [number, number, number] });
    return pagesByOwner(contributorIds, rows, toRow, first, after, (r) => r.sortKey, toArticleModel);
  }

  private publishedQuery() {
    return this.articles.createQueryBuilder('a').innerJoin('issue', 'i', 'i.id = a.issue_id').where("i.status = 'PUBLISHED'");
  }
}
