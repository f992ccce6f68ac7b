import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '../common/graphql/connection';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING is queued or waiting to retry; SUCCEEDED got a 2xx; FAILED used up every attempt.',
});

@ObjectType('Webhook', { description: 'An HTTP(S) endpoint told about public changes. Its signing secret is never shown again.' })
export class WebhookModel {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => [String], { description: 'The events it receives, e.g. issue.published.' }) events: string[];
  @Field(() => Date) createdAt: Date;
}

@ObjectType('WebhookDelivery', { description: 'One event queued for one webhook, and how sending it went.' })
export class WebhookDeliveryModel {
  @Field(() => ID, { description: 'Sent as X-Webhook-Delivery and as `id` in the body; the same on every retry.' }) id: string;
  @Field(() => ID) webhookId: string;
  @Field() event: string;
  @Field(() => WebhookDeliveryStatus) status: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'HTTP attempts made so far.' }) attempts: number;
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt, if one arrived.' }) responseCode: number | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field({ description: 'JSON: the body without its delivery id.' }) payload: string;
  @Field(() => Date, { nullable: true, description: 'When a PENDING delivery is tried next.' }) nextAttemptAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date, { nullable: true }) deliveredAt: Date | null;
}

export const WebhookDeliveryConnection = Connection(WebhookDeliveryModel, 'WebhookDelivery');

export function toWebhookModel(r: Record<string, any>): WebhookModel {
  return Object.assign(new WebhookModel(), { id: r.id, url: r.url, events: r.events, createdAt: r.created_at });
}

export function toWebhookDeliveryModel(r: Record<string, any>): WebhookDeliveryModel {
  return Object.assign(new WebhookDeliveryModel(), {
    id: r.id,
    webhookId: r.webhook_id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    responseCode: r.response_code,
    lastError: r.last_error,
    payload: JSON.stringify(r.payload),
    nextAttemptAt: r.status === 'PENDING' ? r.available_at : null,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
  });
}
