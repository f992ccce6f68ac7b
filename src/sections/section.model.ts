import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { SectionEntity } from './section.entity';

@ObjectType('Section', { description: 'A numbered section of an issue, e.g. 1. 虚拟化.' })
export class SectionModel {
  @Field(() => ID) id: string;
  @Field(() => Int) number: number;
  @Field() title: string;
  @Field(() => String, { nullable: true, description: 'Markdown.' }) intro: string | null;
  issueId: string;
}

export function toSectionModel(e: SectionEntity): SectionModel {
  return Object.assign(new SectionModel(), { id: e.id, number: e.number, title: e.title, intro: e.intro, issueId: e.issueId });
}
