import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';
import { IssueEntity, IssueStatus } from './issue.entity';

registerEnumType(IssueStatus, { name: 'IssueStatus', description: 'Public queries only ever see PUBLISHED; previews show the others.' });

@ObjectType('Issue', { description: 'One monthly issue of the report.' })
export class IssueModel {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. "2020-07".' }) slug: string;
  @Field(() => Int, { description: 'The running number (总第N期).' }) number: number;
  @Field() title: string;
  @Field({ description: 'Year and month covered, YYYY-MM.' }) period: string;
  @Field(() => String, { nullable: true }) publisher: string | null;
  @Field(() => String, { nullable: true, description: 'Markdown.' }) summary: string | null;
  @Field(() => Date, { nullable: true, description: 'When this API published it.' }) publishedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The original publication date, YYYY-MM-DD.' }) publishedOn: string | null;
  @Field(() => String, { nullable: true }) sourceUrl: string | null;
  @Field(() => IssueStatus) status: IssueStatus;
  @Field(() => Date, { nullable: true, description: 'When a SCHEDULED issue will be published.' }) scheduledAt: Date | null;
  previousSlug: string | null;
}

export const IssueConnection = Connection(IssueModel, 'Issue');

export function toIssueModel(e: IssueEntity): IssueModel {
  return Object.assign(new IssueModel(), {
    id: e.id,
    slug: e.slug,
    number: e.number,
    title: e.title,
    period: e.period,
    publisher: e.publisher,
    summary: e.summary,
    publishedAt: e.publishedAt,
    publishedOn: e.publishedOn,
    sourceUrl: e.sourceUrl,
    status: e.status,
    scheduledAt: e.scheduledAt,
    previousSlug: e.previousSlug,
  });
}
