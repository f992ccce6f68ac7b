import { Field, InputType } from '@nestjs/graphql';

@InputType('UpsertContributorInput', { description: 'Matched by name (after normalising spacing and width); created when missing.' })
export class UpsertContributorInput {
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Omitted keeps it; null clears it.' }) affiliation?: string | null;
  @Field(() => String, { nullable: true, description: 'Omitted keeps it (or makes one from the name for a new contributor).' }) slug?: string | null;
}
