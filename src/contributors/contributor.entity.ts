import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum ContributorRole {
  EDITOR = 'EDITOR',
  AUTHOR = 'AUTHOR',
}

@Entity({ name: 'contributor' })
export class ContributorEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) affiliation: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ name: 'issue_contributor' })
export class IssueContributorEntity {
  @PrimaryColumn({ name: 'issue_id', type: 'uuid' }) issueId: string;
  @PrimaryColumn({ type: 'text' }) role: ContributorRole;
  @PrimaryColumn({ name: 'contributor_id', type: 'uuid' }) contributorId: string;
  @Column({ type: 'integer' }) position: number;
}

@Entity({ name: 'article_contributor' })
export class ArticleContributorEntity {
  @PrimaryColumn({ name: 'article_id', type: 'uuid' }) articleId: string;
  @PrimaryColumn({ type: 'text' }) role: ContributorRole;
  @PrimaryColumn({ name: 'contributor_id', type: 'uuid' }) contributorId: string;
  @Column({ type: 'integer' }) position: number;
}
