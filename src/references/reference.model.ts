import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReferenceKind } from './reference-kind';
import { ReferenceEntity } from './reference.entity';

registerEnumType(ReferenceKind, { name: 'ReferenceKind', description: 'What a reference points at, inferred from its URL.' });

@ObjectType('Reference', { description: 'A numbered reference of an article: lore.kernel.org, LWN, patchwork, GitHub…' })
export class ReferenceModel {
  @Field({ description: 'The label the body cites, e.g. "1" for [1].' }) label: string;
  @Field(() => String, { nullable: true, description: 'As the source gives it; may be cut off, or null when the source names no URL.' }) url: string | null;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => ReferenceKind) kind: ReferenceKind;
  @Field(() => String, { nullable: true, description: 'Message-id, LWN article number, patchwork id, owner/repo[@branch] or commit id.' })
  externalId: string | null;
}

export function toReferenceModel(e: ReferenceEntity): ReferenceModel {
  return Object.assign(new ReferenceModel(), { label: e.label, url: e.url, title: e.title, kind: e.kind, externalId: e.externalId });
}
