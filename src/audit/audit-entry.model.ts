import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';

@ObjectType('AuditEntry', { description: 'One mutation: which token did what to which object, and when.' })
export class AuditEntryModel {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'Null for the bootstrap ADMIN_TOKEN.' }) tokenId: string | null;
  @Field() tokenName: string;
  @Field({ description: 'The mutation, e.g. publishIssue.' }) action: string;
  @Field() objectType: string;
  @Field(() => String, { nullable: true }) objectId: string | null;
  @Field({ description: 'JSON with what changed.' }) details: string;
  @Field(() => Date) at: Date;
}

export const AuditEntryConnection = Connection(AuditEntryModel, 'AuditEntry');
