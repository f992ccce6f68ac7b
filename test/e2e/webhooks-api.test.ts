import { AS_ADMIN } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { RECEIVER_SECRET, startWebhookApp, WebhookTestApp } from '../support/webhook-app';

const CREATE = 'mutation($u: String!, $e: [String!]!, $s: String!) { createWebhook(url: $u, events: $e, secret: $s) { id url events createdAt } }';
const DELIVERIES = `query($w: ID, $first: Int, $after: String) { webhookDeliveries(webhookId: $w, first: $first, after: $after) {
  edges { cursor node { id webhookId event status attempts responseCode lastError payload nextAttemptAt createdAt deliveredAt } }
  pageInfo { hasNextPage endCursor } } }`;

/** The ADMIN-only GraphQL surface: managing webhooks, reading the delivery log, redelivering. */
describe('webhook admin API', () => {
  let t: WebhookTestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startWebhookApp();
    receiver = await WebhookReceiver.start(RECEIVER_SECRET);
  });
  afterAll(async () => {
    await receiver.close();
    await t.dispose();
  });

  const webhookCount = async () => (await t.dataSource.query('SELECT count(*)::int AS n FROM webhook'))[0].n as number;
  const audit = async (objectId: string) =>
    (await t.gql('query($id: String) { auditLog(objectId: $id) { edges { node { action tokenName details } } } }', { id: objectId }, AS_ADMIN)).body.data!.auditLog.edges.map((e: any) => e.node);

  it('createWebhook stores the subscription; webhooks lists it; neither the API nor the audit log ever shows the secret', async () => {
    const secret = 'create-and-list-secret-0123456789';
    const { body } = await t.gql(CREATE, { u: receiver.url('/listed'), e: ['issue.published', 'article.deleted', 'issue.published'], s: secret }, AS_ADMIN);
    const created = body.data!.createWebhook;
    expect(created).toEqual({ id: expect.any(String), url: receiver.url('/listed'), events: ['issue.published', 'article.deleted'], createdAt: expect.any(String) });

    const listed = await t.gql('{ webhooks { id url events } }', {}, AS_ADMIN);
    expect(listed.body.data!.webhooks).toContainEqual({ id: created.id, url: receiver.url('/listed'), events: ['issue.published', 'article.deleted'] });
    const fields = await t.gql('{ __type(name: "Webhook") { fields { name } } }');
    expect(fields.body.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(['createdAt', 'events', 'id', 'url']);

    const entries = await audit(created.id);
    expect(entries).toEqual([{ action: 'createWebhook', tokenName: 'bootstrap admin', details: expect.any(String) }]);
    expect(JSON.parse(entries[0].details)).toEqual({ url: receiver.url('/listed'), events: ['issue.published', 'article.deleted'] });
    expect(JSON.stringify([listed.body, entries])).not.toContain(secret);
  });

  it.each([
    ['an ftp URL', 'url', { u: 'ftp://example.com/hook' }],
    ['a relative URL', 'url', { u: '/hook' }],
    ['a URL over 2000 characters', 'url', { u: `https://example.com/${'a'.repeat(1981)}` }],
    ['no events', 'events', { e: [] }],
    ['an unknown event', 'events', { e: ['issue.published', 'issue.exploded'] }],
    ['a 15-character secret', 'secret', { s: 'x'.repeat(15) }],
    ['a 201-character secret', 'secret', { s: 'x'.repeat(201) }],
  ])('createWebhook rejects %s with BAD_USER_INPUT on `%s` and stores nothing', async (_what, field, change) => {
    const before = await webhookCount();
    const { body } = await t.gql(CREATE, { u: receiver.url(), e: ['issue.published'], s: RECEIVER_SECRET, ...change }, AS_ADMIN);
    expect(body.data).toBeNull();
    expect(body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await webhookCount()).toBe(before);
  });

  it('createWebhook accepts the limits exactly: a 2000-character URL, secrets of 16 and of 200 characters', async () => {
    const long = `https://example.com/${'a'.repeat(1980)}`;
    expect(long).toHaveLength(2000);
    for (const [u, s] of [[long, 'x'.repeat(16)], [receiver.url('/limits'), 'y'.repeat(200)]]) {
      const { body } = await t.gql(CREATE, { u, e: ['issue.updated'], s }, AS_ADMIN);
      expect(body.errors).toBeUndefined();
      await t.gql('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id: body.data!.createWebhook.id }, AS_ADMIN);
    }
  });

  it('createWebhook refuses a 101st webhook with CONFLICT: each event fans out to all of them', async () => {
    const filler: Array<{ id: string }> = await t.dataSource.query(
      `INSERT INTO webhook (url, events, secret) SELECT 'https://example.com/' || n, '{article.updated}', $1 FROM generate_series(1, 100 - $2::int) n RETURNING id`,
      [RECEIVER_SECRET, await webhookCount()],
    );
    try {
      const { body } = await t.gql(CREATE, { u: receiver.url('/one-too-many'), e: ['issue.published'], s: RECEIVER_SECRET }, AS_ADMIN);
      expect(body.errors![0].extensions).toMatchObject({ code: 'CONFLICT' });
      expect(await webhookCount()).toBe(100);
    } finally {
      await t.dataSource.query('DELETE FROM webhook WHERE id = ANY($1)', [filler.map((f) => f.id)]);
    }
  });

  describe('only ADMIN may use it', () => {
    const OPERATIONS: Array<[string, string, Record<string, unknown>]> = [
      ['createWebhook', CREATE, { u: 'https://example.com/x', e: ['issue.published'], s: RECEIVER_SECRET }],
      ['deleteWebhook', 'mutation { deleteWebhook(id: "00000000-0000-4000-8000-000000000000") { id } }', {}],
      ['webhooks', '{ webhooks { id } }', {}],
      ['webhookDeliveries', '{ webhookDeliveries { edges { cursor } } }', {}],
      ['redeliverWebhook', 'mutation { redeliverWebhook(deliveryId: "00000000-0000-4000-8000-000000000000") { id } }', {}],
    ];
    let asEditor: Record<string, string>;
    let asPublisher: Record<string, string>;
    beforeAll(async () => {
      asEditor = await t.tokenFor('EDITOR');
      asPublisher = await t.tokenFor('PUBLISHER');
    });

    it.each(OPERATIONS)('%s: FORBIDDEN for EDITOR and PUBLISHER tokens, UNAUTHENTICATED without a token', async (_name, query, variables) => {
      const before = await webhookCount();
      const codes = [];
      for (const headers of [asEditor, asPublisher, {}]) {
        const { body } = await t.gql(query, variables, headers);
        expect(body.data ?? null).toBeNull();
        codes.push(body.errors![0].extensions!.code);
      }
      expect(codes).toEqual(['FORBIDDEN', 'FORBIDDEN', 'UNAUTHENTICATED']);
      expect(await webhookCount()).toBe(before);
    });
  });

  it('deleteWebhook stops its deliveries at once, is audited, and a second delete is NOT_FOUND', async () => {
    const kept = await t.createWebhook(receiver.url('/kept'), ['issue.unpublished']);
    const gone = await t.createWebhook(receiver.url('/gone'), ['issue.unpublished']);
    const del = await t.gql('mutation($id: ID!) { deleteWebhook(id: $id) { id url } }', { id: gone }, AS_ADMIN);
    expect(del.body.data).toEqual({ deleteWebhook: { id: gone, url: receiver.url('/gone') } });
    expect((await audit(gone)).map((e: { action: string }) => e.action)).toEqual(['deleteWebhook', 'createWebhook']);

    await t.emit('issue.unpublished', { type: 'issue', id: '00000000-0000-4000-8000-00000000d001' });
    await t.worker().drain();
    expect(receiver.about('00000000-0000-4000-8000-00000000d001').map((r) => r.path)).toEqual(['/kept']);
    expect(await t.deliveries(gone)).toEqual([]);
    expect(await t.deliveries(kept)).toHaveLength(1);

    const again = await t.gql('mutation($id: ID!) { deleteWebhook(id: $id) { id } }', { id: gone }, AS_ADMIN);
    expect(again.body.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const bad = await t.gql('mutation { deleteWebhook(id: "nope") { id } }', {}, AS_ADMIN);
    expect(bad.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('webhookDeliveries pages the log newest first, filters by webhook and shows each attempt\'s outcome', async () => {
    const hook = await t.createWebhook(receiver.url('/log'), ['article.updated']);
    const other = await t.createWebhook(receiver.url('/other'), ['article.deleted']);
    const article = (n: number) => ({ type: 'article' as const, id: `00000000-0000-4000-8000-00000000100${n}` });
    for (const n of [1, 2, 3]) {
      if (n === 3) receiver.respond({ status: 502 });
      await t.emit('article.updated', article(n));
      await t.emit('article.deleted', article(n));
      await t.worker().drain();
    }

    const page1 = (await t.gql(DELIVERIES, { w: hook, first: 2 }, AS_ADMIN)).body.data!.webhookDeliveries;
    const page2 = (await t.gql(DELIVERIES, { w: hook, first: 2, after: page1.pageInfo.endCursor }, AS_ADMIN)).body.data!.webhookDeliveries;
    expect([page1.edges.length, page1.pageInfo.hasNextPage, page2.edges.length, page2.pageInfo.hasNextPage]).toEqual([2, true, 1, false]);
    const nodes = [...page1.edges, ...page2.edges].map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.webhookId, n.event, JSON.parse(n.payload).object.id])).toEqual([3, 2, 1].map((n) => [hook, 'article.updated', article(n).id]));
    expect(nodes[0]).toMatchObject({ status: 'PENDING', attempts: 1, responseCode: 502, lastError: 'HTTP 502: planned 502', deliveredAt: null, nextAttemptAt: expect.any(String) });
    for (const node of nodes.slice(1)) {
      expect(node).toMatchObject({ status: 'SUCCEEDED', attempts: 1, responseCode: 200, lastError: null, deliveredAt: expect.any(String), nextAttemptAt: null });
    }

    const all = (await t.gql(DELIVERIES, { first: 100 }, AS_ADMIN)).body.data!.webhookDeliveries.edges.map((e: any) => e.node);
    expect(all.filter((n: any) => n.webhookId === other)).toHaveLength(3);
    const times = all.map((n: any) => Date.parse(n.createdAt));
    expect(times).toEqual([...times].sort((x: number, y: number) => y - x));
  });

  it('webhookDeliveries rejects a page size over 100 and a forged cursor', async () => {
    const tooMany = await t.gql(DELIVERIES, { first: 101 }, AS_ADMIN);
    expect(tooMany.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    for (const after of ['garbage', Buffer.from(JSON.stringify({ v: 1, k: ['not a time', 'x'] })).toString('base64url')]) {
      const forged = await t.gql(DELIVERIES, { after }, AS_ADMIN);
      expect(forged.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('redeliverWebhook queues a new delivery of the same payload; the receiver gets it under a new id', async () => {
    const hook = await t.createWebhook(receiver.url('/again'), ['issue.published']);
    const objectId = '00000000-0000-4000-8000-00000000a001';
    await t.emit('issue.published', { type: 'issue', id: objectId, slug: 'again' });
    await t.worker().drain();
    const [original] = await t.deliveries(hook);

    const { body } = await t.gql('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id webhookId event status attempts payload } }', { id: original.id }, AS_ADMIN);
    const copy = body.data!.redeliverWebhook;
    expect(copy).toMatchObject({ webhookId: hook, event: 'issue.published', status: 'PENDING', attempts: 0 });
    expect(copy.id).not.toBe(original.id);
    expect(JSON.parse(copy.payload)).toEqual(original.payload);
    expect((await audit(copy.id)).map((e: { action: string; details: string }) => [e.action, JSON.parse(e.details).from])).toEqual([['redeliverWebhook', original.id]]);

    await t.worker().drain();
    const [first, second] = receiver.about(objectId).filter((r) => r.path === '/again').map((r) => r.body);
    expect(first.id).toBe(original.id);
    expect(second).toEqual({ ...first, id: copy.id });
    expect(await t.deliveries(hook)).toMatchObject([
      { id: original.id, status: 'SUCCEEDED', attempts: 1 },
      { id: copy.id, status: 'SUCCEEDED', attempts: 1 },
    ]);

    const missing = await t.gql('mutation { redeliverWebhook(deliveryId: "00000000-0000-4000-8000-000000000000") { id } }', {}, AS_ADMIN);
    expect(missing.body.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'deliveryId' });
  });

  it('paging one delivery at a time walks the whole log once, even through rows created in the same transaction', async () => {
    const a = await t.createWebhook(receiver.url('/tie-a'), ['issue.unpublished']);
    const b = await t.createWebhook(receiver.url('/tie-b'), ['issue.unpublished']);
    await t.emit('issue.unpublished', { type: 'issue', id: '00000000-0000-4000-8000-00000000b001' });
    const [[tie]] = await Promise.all([t.deliveries(a), t.deliveries(b)]);
    expect((await t.dataSource.query('SELECT count(DISTINCT created_at)::int AS n FROM webhook_delivery WHERE webhook_id IN ($1, $2)', [a, b]))[0].n).toBe(1);
    expect(tie).toBeDefined();

    const whole = (await t.gql(DELIVERIES, { first: 100 }, AS_ADMIN)).body.data!.webhookDeliveries.edges.map((e: any) => e.node.id);
    const walked: string[] = [];
    for (let after: string | null = null, more = true; more; ) {
      const page: any = (await t.gql(DELIVERIES, { first: 1, after }, AS_ADMIN)).body.data!.webhookDeliveries;
      walked.push(...page.edges.map((e: any) => e.node.id));
      [after, more] = [page.pageInfo.endCursor, page.pageInfo.hasNextPage];
    }
    expect(walked).toEqual(whole);
    expect(new Set(walked).size).toBe(walked.length);
  });
});
