import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType('CreateArticleInput')
export class CreateArticleInput {
  @Field(() => ID) sectionId: string;
  @Field({ description: 'As numbered in the issue, "N.M"; unique within the issue.' }) number: string;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'Markdown; empty when omitted.' }) body?: string | null;
  @Field(() => [String], { nullable: true, description: 'Lowercase subsystem tags.' }) tags?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Author names, in order.' }) authors?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Made from the title when omitted (with -2, -3… if taken).' }) slug?: string | null;
  @Field(() => Int, { nullable: true, description: 'Place within the section, from 0; appended when omitted.' }) position?: number | null;
}

@InputType('UpdateArticleInput', { description: 'Only the fields given change. Retitling keeps the slug, so links survive; move with moveArticle.' })
export class UpdateArticleInput {
  @Field(() => String, { nullable: true }) number?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true }) body?: string | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the tags.' }) tags?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Replaces the authors.' }) authors?: string[] | null;
  @Field(() => String, { nullable: true }) slug?: string | null;
}

@InputType('ReferenceInput', { description: 'One reference; kind and externalId are inferred from the URL.' })
export class ReferenceInput {
  @Field({ description: 'What the body cites, e.g. "1" for [1]; unique within the article.' }) label: string;
  @Field(() => String, { nullable: true, description: 'http(s); null when the source names no URL.' }) url?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
}
