import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { PublishingService } from '../../src/publishing/publishing.service';
import { WebhookSender } from '../../src/webhooks/webhook.sender';
import { WebhookReceiver } from '../support/webhook-receiver';
import { RECEIVER_SECRET, startWebhookApp, TEST_ADMIN, WebhookTestApp } from '../support/webhook-app';

/** Deliveries survive the app going away at the worst moments, and instances sharing a database never double up. */
describe('webhook delivery across crashes and instances', () => {
  let receiver: WebhookReceiver;
  const apps: WebhookTestApp[] = [];
  const start = async (env: Record<string, string> = {}, databaseUrl?: string) => {
    const app = await startWebhookApp(env, databaseUrl);
    apps.push(app);
    return app;
  };

  beforeEach(async () => (receiver = await WebhookReceiver.start(RECEIVER_SECRET)));
  afterEach(async () => {
    await receiver.close();
    // Later apps share the first one's database: close them first, then the owner drops it.
    for (const app of apps.splice(0).reverse()) await app.dispose();
  });

  it('an event committed while no worker runs is sent by the next app to start on the database', async () => {
    const first = await start();
    const hook = await first.createWebhook(receiver.url());
    await first.worker().stop(); // the process is as good as dead: the commit below is all that happens
    const issue = await first.draftIssue();
    await first.app.get(PublishingService).publishIssue(issue.id, TEST_ADMIN);
    const [queued] = await first.deliveries(hook);
    expect(queued).toMatchObject({ event: 'issue.published', status: 'PENDING', attempts: 0 });
    await delay(500);
    expect(receiver.received).toEqual([]);
    await first.close();

    const second = await start({}, first.databaseUrl);
    const [got] = await receiver.waitFor((r) => r.body?.object?.id === issue.id);
    expect(got).toMatchObject({ signatureValid: true, body: { id: queued.id, event: 'issue.published', object: { type: 'issue', id: issue.id, slug: issue.slug } } });
    await second.worker().drain();
    expect(await second.deliveries(hook)).toMatchObject([{ id: queued.id, status: 'SUCCEEDED', attempts: 1 }]);
  });

  it('a send whose outcome was never recorded (the worker died mid-send) is sent again when its lease ends: at least once', async () => {
    const timeoutMs = 500;
    const t = await start({ WEBHOOK_TIMEOUT_MS: String(timeoutMs) });
    await t.worker().stop();
    const hook = await t.createWebhook(receiver.url());
    await t.emit('issue.updated', { type: 'issue', id: '00000000-0000-4000-8000-000000000005' });

    // The dying worker: claims the row, sends it, and is gone before it can record anything.
    const [claimed] = await t.worker().claim();
    const body = JSON.stringify({ id: claimed.id, event: claimed.event, occurredAt: claimed.payload.occurredAt, object: claimed.payload.object });
    const sent = await new WebhookSender({ timeoutMs, allowPrivate: true }).send({ deliveryId: claimed.id, event: claimed.event, url: claimed.url, secret: claimed.secret, body });
    expect(sent).toEqual({ ok: true, status: 200, error: null });

    const [leased] = await t.deliveries(hook);
    expect(leased).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(leased.due_in_s).toBeGreaterThan(2); // the lease: timeout + margin
    expect(await t.worker().drain()).toBe(0); // no other worker may take it meanwhile

    for (const deadline = Date.now() + 10_000; (await t.deliveries(hook))[0].due_in_s > 0 && Date.now() < deadline; ) await delay(100);
    expect(await t.worker().drain()).toBe(1);
    expect(receiver.received.map((r) => r.headers['x-webhook-delivery'])).toEqual([claimed.id, claimed.id]);
    expect(receiver.received[1].rawBody).toBe(body);
    expect(await t.deliveries(hook)).toMatchObject([{ status: 'SUCCEEDED', attempts: 1 }]);
  });

  it('two apps on one database share the queue and send each delivery exactly once (SKIP LOCKED)', async () => {
    const a = await start();
    const b = await start({}, a.databaseUrl);
    await Promise.all([a.worker().stop(), b.worker().stop()]);
    const hook = await a.createWebhook(receiver.url(), ['article.updated']);
    const count = 30;
    for (let i = 0; i < count; i++) await a.emit('article.updated', { type: 'article', id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` });
    receiver.respond(...Array.from({ length: count }, () => ({ status: 200, delayMs: 100 })));

    const [byA, byB] = await Promise.all([a.worker().drain(), b.worker().drain()]);
    expect(byA + byB).toBe(count);
    expect(Math.min(byA, byB)).toBeGreaterThan(0);
    const ids = receiver.received.map((r) => r.body.id);
    expect(ids).toHaveLength(count);
    expect(new Set(ids).size).toBe(count);
    const rows = await a.deliveries(hook);
    expect(rows.every((r) => r.status === 'SUCCEEDED' && r.attempts === 1)).toBe(true);
  });

  it('closing the app waits for a send in flight and still records its outcome', async () => {
    const t = await start();
    const hook = await t.createWebhook(receiver.url());
    receiver.respond({ status: 200, delayMs: 500 });
    await t.emit('issue.published', { type: 'issue', id: '00000000-0000-4000-8000-000000000006' });
    await receiver.waitFor();
    await t.close();

    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query('SELECT status, attempts, response_code FROM webhook_delivery WHERE webhook_id = $1', [hook]);
      expect(rows).toEqual([{ status: 'SUCCEEDED', attempts: 1, response_code: 200 }]);
    } finally {
      await db.end();
    }
  });
});
