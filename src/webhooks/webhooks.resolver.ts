import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, RequireRole } from '../auth/auth.guard';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { ConnectionArgs } from '../common/graphql/connection';
import { WebhookDeliveryConnection, WebhookDeliveryModel, WebhookModel } from './webhook.model';
import { WebhooksService } from './webhooks.service';

@Resolver(() => WebhookModel)
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Query(() => [WebhookModel], { description: 'ADMIN. Every webhook, newest first (at most 100 exist).' })
  @RequireRole(Role.ADMIN)
  webhooks() {
    return this.service.list();
  }

  @Query(() => WebhookDeliveryConnection, { description: 'ADMIN. The delivery log, newest first; finished deliveries are kept 30 days.' })
  @RequireRole(Role.ADMIN)
  webhookDeliveries(@Args('webhookId', { type: () => ID, nullable: true }) webhookId: string | null | undefined, @Args() { first, after }: ConnectionArgs) {
    return this.service.deliveries(webhookId, first, after);
  }

  @Mutation(() => WebhookModel, { description: 'ADMIN. Subscribes an http(s) URL to events; deliveries are signed with `secret` (16 to 200 characters).' })
  @RequireRole(Role.ADMIN)
  createWebhook(
    @Args('url') url: string,
    @Args('events', { type: () => [String] }) events: string[],
    @Args('secret') secret: string,
    @CurrentPrincipal() by: Principal,
  ) {
    return this.service.create({ url, events, secret }, by);
  }

  @Mutation(() => WebhookModel, { description: 'ADMIN. Stops deliveries at once and drops the webhook\'s delivery log.' })
  @RequireRole(Role.ADMIN)
  deleteWebhook(@Args('id', { type: () => ID }) id: string, @CurrentPrincipal() by: Principal) {
    return this.service.delete(id, by);
  }

  @Mutation(() => WebhookDeliveryModel, { description: 'ADMIN. Queues a new delivery (new id) of the same payload to the same webhook.' })
  @RequireRole(Role.ADMIN)
  redeliverWebhook(@Args('deliveryId', { type: () => ID }) deliveryId: string, @CurrentPrincipal() by: Principal) {
    return this.service.redeliver(deliveryId, by);
  }
}
