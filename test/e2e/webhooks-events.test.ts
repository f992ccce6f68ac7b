import { randomUUID } from 'node:crypto';
import { PublishingService } from '../../src/publishing/publishing.service';
import { emitWebhookEvent, WEBHOOK_EVENTS } from '../../src/webhooks/webhook-events';
import { issueMarkdown, makeIssue } from '../support/factories';
import { AS_ADMIN } from '../support/test-app';
import { ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver';
import { RECEIVER_SECRET, startWebhookApp, TEST_ADMIN, WebhookTestApp } from '../support/webhook-app';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Every event reaches a subscribed receiver through the real mutations. The poll interval is a minute, so
 * prompt deliveries prove the commit's NOTIFY woke the worker.
 */
describe('webhook events from real changes', () => {
  let t: WebhookTestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startWebhookApp({ OUTBOX_POLL_MS: '60000' });
    receiver = await WebhookReceiver.start(RECEIVER_SECRET);
    await t.createWebhook(receiver.url('/all'));
  });
  afterAll(async () => {
    await receiver.close();
    await t.dispose();
  });

  /** Waits for one request about `objectId` with `event`, then checks nothing else about it is queued. */
  async function oneDelivery(event: string, objectId: string): Promise<ReceivedWebhook> {
    const match = (r: ReceivedWebhook) => r.path === '/all' && r.body?.event === event && r.body?.object?.id === objectId;
    await receiver.waitFor(match, 1, 5000);
    await t.worker().drain();
    const got = receiver.received.filter(match);
    expect(got).toHaveLength(1);
    return got[0];
  }

  it('issue.published via publishIssue: a signed JSON body { id, event, occurredAt, object } and the documented headers', async () => {
    const issue = await t.draftIssue();
    const before = Date.now();
    const res = await t.gql('mutation($id: ID!) { publishIssue(id: $id) { id publishedAt } }', { id: issue.id }, AS_ADMIN);
    expect(res.body.data).toEqual({ publishIssue: { id: issue.id, publishedAt: expect.any(String) } });

    const got = await oneDelivery('issue.published', issue.id);
    expect(got.signatureValid).toBe(true);
    expect(got.headers).toMatchObject({
      'content-type': 'application/json',
      'x-webhook-event': 'issue.published',
      'x-webhook-delivery': got.body.id,
      'x-signature': expect.stringMatching(/^t=\d{10},v1=[0-9a-f]{64}$/),
    });
    expect(Object.keys(got.body)).toEqual(['id', 'event', 'occurredAt', 'object']);
    expect(got.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event: 'issue.published',
      occurredAt: expect.stringMatching(ISO),
      object: { type: 'issue', id: issue.id, slug: issue.slug, number: issue.number, title: `测试月报 ${issue.slug}` },
    });
    expect(Date.parse(got.body.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(got.body.occurredAt)).toBeLessThanOrEqual(Date.now());
    const [row] = await t.dataSource.query('SELECT status, attempts, response_code FROM webhook_delivery WHERE id = $1', [got.body.id]);
    expect(row).toEqual({ status: 'SUCCEEDED', attempts: 1, response_code: 200 });
  });

  it('issue.unpublished via unpublishIssue', async () => {
    const issue = await t.draftIssue();
    await t.gql('mutation($id: ID!) { publishIssue(id: $id) { id } }', { id: issue.id }, AS_ADMIN);
    await oneDelivery('issue.published', issue.id);
    const res = await t.gql('mutation($id: ID!) { unpublishIssue(id: $id) { id publishedAt } }', { id: issue.id }, AS_ADMIN);
    expect(res.body.data).toEqual({ unpublishIssue: { id: issue.id, publishedAt: null } });
    const got = await oneDelivery('issue.unpublished', issue.id);
    expect(got.body.object).toEqual({ type: 'issue', id: issue.id, slug: issue.slug, number: issue.number, title: `测试月报 ${issue.slug}` });
  });

  it('issue.updated via importIssue(replacePublished: true) on a published issue', async () => {
    const issue = await makeIssue(t);
    const { markdown } = issueMarkdown({ slug: issue.slug, number: issue.number, title: '改版后的标题' });
    const res = await t.gql('mutation($md: String!) { importIssue(markdown: $md, replacePublished: true) { created issue { id } } }', { md: markdown }, AS_ADMIN);
    expect(res.body.data).toEqual({ importIssue: { created: false, issue: { id: issue.id } } });
    const got = await oneDelivery('issue.updated', issue.id);
    expect(got.body.object).toEqual({ type: 'issue', id: issue.id, slug: issue.slug, number: issue.number, title: '改版后的标题' });
  });

  it('article.deleted via PublishingService.deleteArticle on a published issue', async () => {
    const issue = await makeIssue(t);
    const [article] = await t.dataSource.query('SELECT id, slug, number FROM article WHERE issue_id = $1 ORDER BY position LIMIT 1', [issue.id]);
    await t.app.get(PublishingService).deleteArticle(article.id, TEST_ADMIN);
    const got = await oneDelivery('article.deleted', article.id);
    expect(got.body.object).toEqual({ type: 'article', id: article.id, number: article.number, slug: article.slug, issue: { id: issue.id, slug: issue.slug } });
  });

  it.each([...WEBHOOK_EVENTS])('%s, whoever emits it, reaches a subscribed receiver', async (event) => {
    const id = randomUUID();
    await t.emit(event, { type: event.startsWith('article') ? 'article' : 'issue', id, extra: { nested: [1, '二'] } });
    const got = await oneDelivery(event, id);
    expect(got.body.object).toEqual({ type: event.startsWith('article') ? 'article' : 'issue', id, extra: { nested: [1, '二'] } });
    expect(got.signatureValid).toBe(true);
  });

  it('a webhook hears only the events it subscribed to', async () => {
    await t.createWebhook(receiver.url('/unpublished-only'), ['issue.unpublished']);
    const issue = await t.draftIssue();
    await t.gql('mutation($id: ID!) { publishIssue(id: $id) { id } }', { id: issue.id }, AS_ADMIN);
    await t.gql('mutation($id: ID!) { unpublishIssue(id: $id) { id } }', { id: issue.id }, AS_ADMIN);
    await oneDelivery('issue.unpublished', issue.id);
    expect(receiver.about(issue.id).filter((r) => r.path === '/unpublished-only').map((r) => r.body.event)).toEqual(['issue.unpublished']);
    expect(receiver.about(issue.id).filter((r) => r.path === '/all').map((r) => r.body.event)).toEqual(['issue.published', 'issue.unpublished']);
  });

  it('a change that rolls back queues and sends nothing', async () => {
    const id = randomUUID();
    await expect(
      t.dataSource.transaction(async (m) => {
        await emitWebhookEvent(m, 'issue.updated', { type: 'issue', id });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await t.worker().drain();
    expect(receiver.about(id)).toEqual([]);
    expect(await t.dataSource.query(`SELECT id FROM webhook_delivery WHERE payload->'object'->>'id' = $1`, [id])).toEqual([]);
  });
});
