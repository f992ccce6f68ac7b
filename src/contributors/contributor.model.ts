import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';
import { ContributorEntity } from './contributor.entity';

@ObjectType('Contributor', { description: 'An editor of the report or an author of a patch series. One row per written name.' })
export class ContributorModel {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) affiliation: string | null;
}

export const ContributorConnection = Connection(ContributorModel, 'Contributor');

export function toContributorModel(e: ContributorEntity): ContributorModel {
  return Object.assign(new ContributorModel(), { id: e.id, slug: e.slug, name: e.name, affiliation: e.affiliation });
}
