import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType('CreateIssueInput', { description: 'A new DRAFT issue; publishing is a separate step (publishIssue).' })
export class CreateIssueInput {
  @Field({ description: 'Lowercase letters, digits and hyphens, e.g. "2020-07". Unique.' }) slug: string;
  @Field(() => Int, { description: 'The running number (总第N期). Unique.' }) number: number;
  @Field() title: string;
  @Field({ description: 'YYYY-MM.' }) period: string;
  @Field(() => String, { nullable: true }) publisher?: string | null;
  @Field(() => String, { nullable: true, description: 'Markdown.' }) summary?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) publishedOn?: string | null;
  @Field(() => String, { nullable: true, description: 'http(s) URL of the original.' }) sourceUrl?: string | null;
  @Field(() => String, { nullable: true, description: 'Slug of the previous issue.' }) previous?: string | null;
  @Field(() => [String], { nullable: true, description: 'Editor names, in order.' }) editors?: string[] | null;
}

@InputType('UpdateIssueInput', { description: 'Only the fields given change; null clears an optional field. Status changes through publishIssue/unpublishIssue.' })
export class UpdateIssueInput {
  @Field(() => String, { nullable: true }) slug?: string | null;
  @Field(() => Int, { nullable: true }) number?: number | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) period?: string | null;
  @Field(() => String, { nullable: true }) publisher?: string | null;
  @Field(() => String, { nullable: true }) summary?: string | null;
  @Field(() => String, { nullable: true }) publishedOn?: string | null;
  @Field(() => String, { nullable: true }) sourceUrl?: string | null;
  @Field(() => String, { nullable: true }) previous?: string | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the editors; [] removes them all (null is refused).' }) editors?: string[] | null;
}

@InputType('CreateSectionInput')
export class CreateSectionInput {
  @Field(() => ID) issueId: string;
  @Field(() => Int, { description: '1 to 999, unique within the issue.' }) number: number;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'Markdown.' }) intro?: string | null;
}

@InputType('UpdateSectionInput', { description: 'Only the fields given change; null clears the intro.' })
export class UpdateSectionInput {
  @Field(() => Int, { nullable: true }) number?: number | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) intro?: string | null;
}
