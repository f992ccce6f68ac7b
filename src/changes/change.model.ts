import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';

export enum ChangeKind {
  UPSERT = 'UPSERT',
  DELETE = 'DELETE',
}
registerEnumType(ChangeKind, { name: 'ChangeKind', description: 'UPSERT: fetch the thing again. DELETE: it is no longer public (unpublished or deleted).' });

export enum ChangeEntityType {
  ISSUE = 'ISSUE',
  SECTION = 'SECTION',
  ARTICLE = 'ARTICLE',
  CONTRIBUTOR = 'CONTRIBUTOR',
  REFERENCE = 'REFERENCE',
}
registerEnumType(ChangeEntityType, { name: 'ChangeEntityType' });

@ObjectType('Change', { description: 'One change to public content; drafts never appear.' })
export class ChangeModel {
  @Field(() => ChangeKind) kind: ChangeKind;
  @Field(() => ChangeEntityType) type: ChangeEntityType;
  @Field(() => ID, { description: 'The id of the issue, section, article, contributor or reference.' }) id: string;
  @Field(() => ID, { nullable: true, description: 'The issue it belongs to; null for contributors, who belong to no one issue.' }) issueId: string | null;
  @Field(() => Date) changedAt: Date;
}

export const ChangeConnection = Connection(ChangeModel, 'Change');

export interface ChangeRow {
  id: string;
  kind: ChangeKind;
  entity_type: string;
  entity_id: string;
  issue_id: string | null;
  changed_at: Date;
}

export function toChangeModel(row: ChangeRow): ChangeModel {
  return { kind: row.kind, type: row.entity_type.toUpperCase() as ChangeEntityType, id: row.entity_id, issueId: row.issue_id, changedAt: row.changed_at };
}
