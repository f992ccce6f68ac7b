import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { checkPageSize, ConnectionShape, toConnection } from '../common/graphql/connection';
import { decodeCursor } from '../common/graphql/cursor';
import { ArticleContributorEntity, ContributorEntity, ContributorRole, IssueContributorEntity } from './contributor.entity';
import { ContributorModel, toContributorModel } from './contributor.model';

/** A contributor is public once they appear in a published issue, as its editor or as an author in it. */
const VISIBLE = `(
  EXISTS (SELECT 1 FROM issue_contributor ic JOIN issue i ON i.id = ic.issue_id WHERE ic.contributor_id = c.id AND i.status = 'PUBLISHED')
  OR EXISTS (SELECT 1 FROM article_contributor ac JOIN article a ON a.id = ac.article_id JOIN issue i ON i.id = a.issue_id
             WHERE ac.contributor_id = c.id AND i.status = 'PUBLISHED'))`;

export type OwnedContributor = ContributorModel & { ownerId: string };

@Injectable()
export class ContributorsService {
  constructor(@InjectRepository(ContributorEntity) private readonly contributors: Repository<ContributorEntity>) {}

  async findVisibleBySlug(slug: string): Promise<ContributorModel | null> {
    const found = await this.contributors.createQueryBuilder('c').where('c.slug = :slug', { slug }).andWhere(VISIBLE).getOne();
    return found ? toContributorModel(found) : null;
  }

  /** Ordered by slug, which is unique and stable. */
  async listVisible(first: number, after?: string | null): Promise<ConnectionShape<ContributorModel>> {
    checkPageSize(first);
    const query = this.contributors.createQueryBuilder('c').where(VISIBLE);
    if (after) query.andWhere('c.slug > :slug', { slug: decodeCursor(after, ['string'])[0] });
    const rows = await query.orderBy('c.slug', 'ASC').limit(first + 1).getMany();
    return toConnection(rows, first, after, (r) => [r.slug], toContributorModel);
  }

  async authorsOfArticles(articleIds: readonly string[]): Promise<OwnedContributor[]> {
    return this.joined(ArticleContributorEntity, 'article_id', articleIds, ContributorRole.AUTHOR);
  }

  async editorsOfIssues(issueIds: readonly string[]): Promise<OwnedContributor[]> {
    return this.joined(IssueContributorEntity, 'issue_id', issueIds, ContributorRole.EDITOR);
  }

  private async joined(join: typeof ArticleContributorEntity | typeof IssueContributorEntity, ownerColumn: string, ownerIds: readonly string[], role: ContributorRole): Promise<OwnedContributor[]> {
    const { raw, entities } = await this.contributors
      .createQueryBuilder('c')
      .innerJoin(join, 'j', 'j.contributor_id = c.id')
      .addSelect(`j.${ownerColumn}`, 'owner_id')
      .where(`j.${ownerColumn} IN (:...ids) AND j.role = :role`, { ids: [...ownerIds], role })
      .orderBy('j.position', 'ASC')
      .getRawAndEntities();
    const byId = new Map(entities.map((e) => [e.id, e]));
    return raw.map((r: Record<string, unknown>) => Object.assign(toContributorModel(byId.get(r.c_id as string)!), { ownerId: r.owner_id as string }));
  }
}
