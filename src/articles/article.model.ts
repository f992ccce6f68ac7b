import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';
import { ArticleEntity } from './article.entity';

@ObjectType('Article', { description: 'One patch series covered by an issue, e.g. 1.1.' })
export class ArticleModel {
  @Field(() => ID) id: string;
  @Field({ description: 'As numbered in the issue, e.g. "1.1".' }) number: string;
  @Field(() => Int, { description: 'Order within its section, from 0.' }) position: number;
  @Field({ description: 'Unique within its issue.' }) slug: string;
  @Field({ description: 'The patch series title.' }) title: string;
  @Field({ description: 'Markdown, Chinese with English terms; citations as [n].' }) body: string;
  @Field(() => [String], { description: 'Kernel subsystems.' }) tags: string[];
  @Field({ description: 'BCP 47 language tag of the body.' }) language: string;
  issueId: string;
  sectionId: string;
}

export const ArticleConnection = Connection(ArticleModel, 'Article');

export function toArticleModel(e: ArticleEntity): ArticleModel {
  return Object.assign(new ArticleModel(), {
    id: e.id,
    number: e.number,
    position: e.position,
    slug: e.slug,
    title: e.title,
    body: e.body,
    tags: e.tags,
    language: e.language,
    issueId: e.issueId,
    sectionId: e.sectionId,
  });
}
