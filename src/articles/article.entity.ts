import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'article' })
export class ArticleEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'issue_id', type: 'uuid' }) issueId: string;
  @Column({ name: 'section_id', type: 'uuid' }) sectionId: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) slug: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', default: '' }) body: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags: string[];
  @Column({ type: 'text', default: 'zh-Hans' }) language: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
