import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export enum IssueStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  PUBLISHED = 'PUBLISHED',
}

@Entity({ name: 'issue' })
export class IssueEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'text' }) period: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) publisher: string | null;
  @Column({ type: 'text', nullable: true }) summary: string | null;
  @Column({ type: 'text', default: IssueStatus.DRAFT }) status: IssueStatus;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt: Date | null;
  @Column({ name: 'published_on', type: 'date', nullable: true }) publishedOn: string | null;
  @Column({ name: 'source_url', type: 'text', nullable: true }) sourceUrl: string | null;
  @Column({ name: 'previous_slug', type: 'text', nullable: true }) previousSlug: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
