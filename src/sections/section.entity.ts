import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'section' })
export class SectionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'issue_id', type: 'uuid' }) issueId: string;
  @Column({ type: 'integer' }) number: number;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text', nullable: true }) intro: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
