import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { checkPageSize, ConnectionShape, toConnection } from '../common/graphql/connection';
import { decodeCursor } from '../common/graphql/cursor';
import { pagesByOwner } from '../common/graphql/pages-by-owner';
import { hydrate } from '../database/hydrate';
import { checkUuid } from '../common/uuid';
import { IssueEntity, IssueStatus } from './issue.entity';
import { IssueModel, toIssueModel } from './issue.model';

/** Public reads: only PUBLISHED issues exist here; drafts and scheduled issues are invisible. */
@Injectable()
export class IssuesService {
  constructor(@InjectRepository(IssueEntity) private readonly issues: Repository<IssueEntity>) {}

  async latestPublished(): Promise<IssueModel | null> {
    const [found] = await this.issues.find({ where: { status: IssueStatus.PUBLISHED }, order: { number: 'DESC' }, take: 1 });
    return found ? toIssueModel(found) : null;
  }

  /** Newest first by running number. */
  async listPublished(first: number, after?: string | null): Promise<ConnectionShape<IssueModel>> {
    checkPageSize(first);
    const query = this.issues.createQueryBuilder('i').where('i.status = :status', { status: IssueStatus.PUBLISHED });
    if (after) query.andWhere('i.number < :number', { number: decodeCursor(after, ['number'])[0] });
    const rows = await query.orderBy('i.number', 'DESC').limit(first + 1).getMany();
    return toConnection(rows, first, after, (r) => [r.number], toIssueModel);
  }

  /** Published issues, plus drafts this request may see (a preview); never other drafts. */
  async visibleByIds(ids: readonly string[], drafts: ReadonlySet<string>): Promise<IssueModel[]> {
    const rows = await this.issues.findBy({ id: In([...ids]) });
    return rows.filter((r) => r.status === IssueStatus.PUBLISHED || drafts.has(r.id)).map(toIssueModel);
  }

  /** Any status: only for callers that checked the right to preview. */
  async findAnyBySlug(slug: string): Promise<IssueModel | null> {
    const found = await this.issues.findOneBy({ slug });
    return found ? toIssueModel(found) : null;
  }

  async findAnyById(id: string): Promise<IssueModel | null> {
    const found = await this.issues.findOneBy({ id: checkUuid(id) });
    return found ? toIssueModel(found) : null;
  }

  async publishedBySlugs(slugs: readonly string[]): Promise<IssueModel[]> {
    const rows = await this.issues.findBy({ slug: In([...slugs]), status: IssueStatus.PUBLISHED });
    return rows.map(toIssueModel);
  }

  /** Published issues that name one of `slugs` as their previous issue. */
  async publishedSuccessorsOf(slugs: readonly string[]): Promise<IssueModel[]> {
    const rows = await this.issues.find({ where: { previousSlug: In([...slugs]), status: IssueStatus.PUBLISHED }, order: { number: 'ASC' } });
    return rows.map(toIssueModel);
  }

  /** One page per contributor of the published issues they edited, newest first, in one statement. */
  async publishedEditedBy(contributorIds: readonly string[], first: number, after?: string | null): Promise<Map<string, ConnectionShape<IssueModel>>> {
    checkPageSize(first);
    const before = after ? decodeCursor(after, ['number'])[0] : null;
    const rows: Array<Record<string, unknown>> = await this.issues.query(
      `SELECT * FROM (
         SELECT i.*, ic.contributor_id AS owner_id, row_number() OVER (PARTITION BY ic.contributor_id ORDER BY i.number DESC) AS rn
         FROM issue i JOIN issue_contributor ic ON ic.issue_id = i.id
         WHERE ic.contributor_id = ANY($1) AND i.status = 'PUBLISHED' AND ($2::int IS NULL OR i.number < $2)
       ) page WHERE rn <= $3 ORDER BY owner_id, rn`,
      [[...contributorIds], before, first + 1],
    );
    return pagesByOwner(contributorIds, rows, (row) => hydrate(this.issues, row), first, after, (e) => [e.number], toIssueModel);
  }
}
