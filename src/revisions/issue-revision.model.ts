import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';

@ObjectType('IssueRevision', { description: 'The whole issue in the authoring format, as it stood when it was published.' })
export class IssueRevisionModel {
  @Field(() => ID) id: string;
  @Field(() => ID) issueId: string;
  @Field(() => Int, { description: "The issue's version right after that publish." }) issueVersion: number;
  @Field(() => Date) createdAt: Date;
  @Field(() => String, { nullable: true, description: 'The name of the token that published, or "scheduler".' }) createdBy: string | null;
  @Field({ description: 'Authoring-format Markdown; restoreIssueRevision imports it back as a draft.' }) markdown: string;
}

export const IssueRevisionConnection = Connection(IssueRevisionModel, 'IssueRevision');

export function toIssueRevisionModel(row: Record<string, any>): IssueRevisionModel {
  return Object.assign(new IssueRevisionModel(), {
    id: row.id,
    issueId: row.issue_id,
    issueVersion: row.issue_version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    markdown: row.markdown,
  });
}
