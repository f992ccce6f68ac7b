import { AS_ADMIN } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { RECEIVER_SECRET, startWebhookApp, WebhookTestApp } from '../support/webhook-app';

/**
 * Production rules (WEBHOOK_ALLOW_PRIVATE=false): no webhook may reach loopback, private, link-local or metadata
 * targets, neither by its URL at creation nor by what its host resolves to when sending.
 */
describe('webhook targets when private networks are not allowed', () => {
  let t: WebhookTestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startWebhookApp({ WEBHOOK_ALLOW_PRIVATE: 'false' });
    await t.worker().stop();
    receiver = await WebhookReceiver.start(RECEIVER_SECRET);
  });
  afterAll(async () => {
    await receiver.close();
    await t.dispose();
  });

  const create = (url: string) =>
    t.gql('mutation($u: String!) { createWebhook(url: $u, events: ["issue.published"], secret: "0123456789abcdef") { id url } }', { u: url }, AS_ADMIN);

  it.each([
    ['http://127.0.0.1:8080/hook', 'loopback'],
    ['http://localhost/hook', 'loopback'],
    ['http://api.localhost/hook', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://2130706433/hook', 'loopback'],
    ['http://0x7f.1/hook', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://[fe80::1]/hook', 'link-local'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata'],
    ['http://100.100.100.200/latest/meta-data/', 'shared'],
    ['http://10.0.0.5/hook', 'private'],
    ['http://172.16.3.4/hook', 'private'],
    ['https://192.168.1.10/hook', 'private'],
    ['http://[fd00::1]/hook', 'private'],
    ['http://0.0.0.0:3000/hook', 'unspecified'],
  ])('createWebhook refuses %s (%s)', async (url, kind) => {
    const { body } = await create(url);
    expect(body.data).toBeNull();
    expect(body.errors![0]).toMatchObject({ message: expect.stringContaining(kind), extensions: { code: 'BAD_USER_INPUT', field: 'url' } });
  });

  it('createWebhook accepts a public name: its addresses are checked each time a delivery is sent', async () => {
    const { body } = await create('https://hooks.example.com/kernel-monthly');
    expect(body).toEqual({ data: { createWebhook: { id: expect.any(String), url: 'https://hooks.example.com/kernel-monthly' } } });
    await t.dataSource.query('DELETE FROM webhook');
  });

  /** Stored behind the API's back: as if the check at creation had passed (DNS changed, or rules changed). */
  async function storedWebhook(url: string): Promise<string> {
    const [row] = await t.dataSource.query(`INSERT INTO webhook (url, events, secret) VALUES ($1, '{issue.published}', $2) RETURNING id`, [url, RECEIVER_SECRET]);
    return row.id;
  }

  it('refuses at send time a name that resolves to a loopback address (DNS rebinding), without connecting', async () => {
    const hook = await storedWebhook(`http://localhost:${receiver.port}/hook`);
    await t.emit('issue.published', { type: 'issue', id: '00000000-0000-4000-8000-000000000002' });
    expect(await t.worker().drain()).toBe(1);
    expect(await t.deliveries(hook)).toMatchObject([
      { status: 'PENDING', attempts: 1, response_code: null, last_error: expect.stringMatching(/^blocked target: localhost resolves to (127\.0\.0\.1|::1) \(loopback\)$/) },
    ]);
    expect(receiver.received).toEqual([]);
  });

  it.each(['127.0.0.1', '[::ffff:7f00:1]'])('refuses at send time a stored literal %s, without connecting', async (host) => {
    await t.dataSource.query('DELETE FROM webhook');
    const hook = await storedWebhook(`http://${host}:${receiver.port}/hook`);
    await t.emit('issue.published', { type: 'issue', id: '00000000-0000-4000-8000-000000000003' });
    await t.worker().drain();
    expect(await t.deliveries(hook)).toMatchObject([{ status: 'PENDING', attempts: 1, last_error: expect.stringMatching(/^blocked target: .* is a loopback address$/) }]);
    expect(receiver.received).toEqual([]);
  });

  it('the same stored webhook is delivered by an app that allows private targets (so the refusals above are the rule at work)', async () => {
    await t.dataSource.query('DELETE FROM webhook');
    const hook = await storedWebhook(`http://localhost:${receiver.port}/hook`);
    await t.emit('issue.published', { type: 'issue', id: '00000000-0000-4000-8000-000000000004' });
    const permissive = await startWebhookApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, t.databaseUrl);
    try {
      await permissive.worker().drain();
      expect(await t.deliveries(hook)).toMatchObject([{ status: 'SUCCEEDED', attempts: 1 }]);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await permissive.dispose();
    }
  });
});
