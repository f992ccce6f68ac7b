import { freePort } from '../../src/common/free-port';
import { verifySignature, WebhookReceiver } from '../support/webhook-receiver';
import { RECEIVER_SECRET, startWebhookApp, WebhookTestApp } from '../support/webhook-app';

const TIMEOUT_MS = 1000;
const MAX_ATTEMPTS = 3;

/**
 * The delivery worker against a real receiver. The background loop is stopped so each step is one explicit
 * drain(): what a test sees is what one pass of the worker did.
 */
describe('webhook delivery worker', () => {
  let t: WebhookTestApp;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startWebhookApp({ WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS), WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
    await t.worker().stop();
  });
  beforeEach(async () => (receiver = await WebhookReceiver.start(RECEIVER_SECRET)));
  afterEach(async () => {
    await receiver.close();
    await t.dataSource.query('DELETE FROM webhook');
  });
  afterAll(() => t.dispose());

  const issue = { type: 'issue' as const, id: '00000000-0000-4000-8000-000000000001', slug: 'retry-me' };

  it('retries a failing receiver with exponential backoff, keeping the delivery id, until it answers 2xx', async () => {
    const hook = await t.createWebhook(receiver.url(), ['issue.updated']);
    receiver.failNext(2);
    await t.emit('issue.updated', issue);

    expect(await t.worker().drain()).toBe(1);
    let [row] = await t.deliveries(hook);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, response_code: 500, last_error: 'HTTP 500: planned 500', delivered_at: null });
    expect(row.due_in_s).toBeGreaterThan(1);
    expect(row.due_in_s).toBeLessThanOrEqual(2);
    expect(await t.worker().drain()).toBe(0); // backing off: not due yet

    await t.skipBackoff();
    await t.worker().drain();
    [row] = await t.deliveries(hook);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 2, response_code: 500 });
    expect(row.due_in_s).toBeGreaterThan(3);
    expect(row.due_in_s).toBeLessThanOrEqual(4);

    await t.skipBackoff();
    await t.worker().drain();
    [row] = await t.deliveries(hook);
    expect(row).toMatchObject({ status: 'SUCCEEDED', attempts: 3, response_code: 200, last_error: null, delivered_at: expect.any(Date) });
    expect(receiver.received.map((r) => [r.answered, r.signatureValid, r.headers['x-webhook-delivery'], r.body.id])).toEqual([
      [500, true, row.id, row.id],
      [500, true, row.id, row.id],
      [200, true, row.id, row.id],
    ]);
  });

  it(`gives up after webhookMaxAttempts (${MAX_ATTEMPTS}) and marks the delivery FAILED`, async () => {
    const hook = await t.createWebhook(receiver.url(), ['issue.updated']);
    receiver.failNext(10, 503);
    await t.emit('issue.updated', issue);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await t.worker().drain();
      await t.skipBackoff();
    }
    const [row] = await t.deliveries(hook);
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS, response_code: 503, last_error: 'HTTP 503: planned 503' });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS);
  });

  it('treats any 2xx as delivered and records the code', async () => {
    const hook = await t.createWebhook(receiver.url(), ['issue.updated']);
    receiver.respond({ status: 204 });
    await t.emit('issue.updated', issue);
    await t.worker().drain();
    expect(await t.deliveries(hook)).toMatchObject([{ status: 'SUCCEEDED', attempts: 1, response_code: 204 }]);
  });

  it('does not follow redirects: a 3xx is a failed attempt and the Location is never requested', async () => {
    const hook = await t.createWebhook(receiver.url('/moved'), ['issue.updated']);
    receiver.respond({ status: 307, headers: { location: receiver.url('/elsewhere') } });
    await t.emit('issue.updated', issue);
    await t.worker().drain();
    expect(await t.deliveries(hook)).toMatchObject([{ status: 'PENDING', attempts: 1, response_code: 307, last_error: expect.stringContaining('redirects are not followed') }]);
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved']);
  });

  it(`gives up on a receiver slower than webhookTimeoutMs (${TIMEOUT_MS} ms) and counts a failed attempt`, async () => {
    const hook = await t.createWebhook(receiver.url(), ['issue.updated']);
    receiver.respond({ status: 200, delayMs: TIMEOUT_MS * 3 });
    await t.emit('issue.updated', issue);
    const started = Date.now();
    await t.worker().drain();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 2);
    expect(await t.deliveries(hook)).toMatchObject([{ status: 'PENDING', attempts: 1, response_code: null, last_error: `timed out after ${TIMEOUT_MS} ms` }]);
  });

  it('records a refused connection as a failed attempt', async () => {
    const hook = await t.createWebhook(`http://127.0.0.1:${await freePort()}/gone`, ['issue.updated']);
    await t.emit('issue.updated', issue);
    await t.worker().drain();
    expect(await t.deliveries(hook)).toMatchObject([{ status: 'PENDING', attempts: 1, response_code: null, last_error: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('signs with each webhook\'s own secret: a receiver expecting another secret detects the mismatch', async () => {
    const good = await t.createWebhook(receiver.url('/good'), ['issue.updated']);
    const wrong = await t.createWebhook(receiver.url('/wrong'), ['issue.updated'], 'a-different-secret-0123456789');
    await t.emit('issue.updated', issue);
    await t.worker().drain();
    const byPath = Object.fromEntries(receiver.received.map((r) => [r.path, [r.signatureValid, r.answered]]));
    expect(byPath).toEqual({ '/good': [true, 200], '/wrong': [false, 401] });
    expect(await t.deliveries(good)).toMatchObject([{ status: 'SUCCEEDED' }]);
    expect(await t.deliveries(wrong)).toMatchObject([{ status: 'PENDING', attempts: 1, response_code: 401 }]);
  });

  it('the receiver\'s check rejects a tampered body, a forged or missing signature and a stale timestamp', async () => {
    await t.createWebhook(receiver.url(), ['issue.updated']);
    await t.emit('issue.updated', issue);
    await t.worker().drain();
    const [{ rawBody, headers }] = receiver.received;
    const header = headers['x-signature'] as string;
    const t0 = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(header)![1]) * 1000;
    expect(verifySignature(RECEIVER_SECRET, header, rawBody, t0)).toBe(true);
    expect(verifySignature(RECEIVER_SECRET, header, rawBody.replace('retry-me', 'retry-mE'), t0)).toBe(false);
    const forged = header.replace(/v1=(.)/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`);
    expect(verifySignature(RECEIVER_SECRET, forged, rawBody, t0)).toBe(false);
    expect(verifySignature(RECEIVER_SECRET, undefined, rawBody, t0)).toBe(false);
    expect(verifySignature(RECEIVER_SECRET, header, rawBody, t0 + 301_000)).toBe(false);
  });
});
