import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiTokenEntity } from './api-token.entity';
import { Role } from './role';

@ObjectType('ApiToken', { description: 'An API token; its secret is shown only once, when it is created.' })
export class ApiTokenModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Role) role: Role;
  @Field({ description: 'The first characters of the secret, to recognise it.' }) prefix: string;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field(() => Date, { nullable: true }) lastUsedAt: Date | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType('CreatedApiToken')
export class CreatedApiTokenModel {
  @Field(() => ApiTokenModel) token: ApiTokenModel;
  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Store it now: it cannot be read again.' }) secret: string;
}

export function toApiTokenModel(e: ApiTokenEntity): ApiTokenModel {
  return Object.assign(new ApiTokenModel(), {
    id: e.id,
    name: e.name,
    role: e.role,
    prefix: e.tokenPrefix,
    expiresAt: e.expiresAt,
    revokedAt: e.revokedAt,
    lastUsedAt: e.lastUsedAt,
    createdAt: e.createdAt,
  });
}
