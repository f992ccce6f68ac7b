import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReferenceKind } from './reference-kind';

@Entity({ name: 'reference' })
export class ReferenceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'article_id', type: 'uuid' }) articleId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ type: 'text' }) label: string;
  @Column({ type: 'text', nullable: true }) url: string | null;
  @Column({ type: 'text', nullable: true }) title: string | null;
  @Column({ type: 'text', default: ReferenceKind.OTHER }) kind: ReferenceKind;
  @Column({ name: 'external_id', type: 'text', nullable: true }) externalId: string | null;
}
