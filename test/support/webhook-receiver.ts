import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';

/** A request the receiver got, whatever it answered. */
export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: any;
  signatureValid: boolean;
  answered: number;
}

export interface PlannedResponse {
  status: number;
  headers?: Record<string, string>;
  /** Answer this late, e.g. past the sender's timeout. */
  delayMs?: number;
}

const TOLERANCE_S = 300;

/**
 * Verifies `X-Signature: t=<seconds>,v1=<hex>` as a receiver would, written independently of the app's signer
 * (this is the code the README gives receivers).
 */
export function verifySignature(secret: string, header: string | undefined, rawBody: string | Buffer, nowMs = Date.now()): boolean {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > TOLERANCE_S) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.`).update(rawBody).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A real HTTP receiver on 127.0.0.1. It answers 401 to a bad signature, otherwise follows the planned responses
 * in order and then answers 200.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly plan: PlannedResponse[] = [];
  private waiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly secret: string,
    readonly port: number,
  ) {}

  static async start(secret: string): Promise<WebhookReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, secret, (server.address() as { port: number }).port);
    server.on('request', (req, res) => {
      let rawBody = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (rawBody += chunk));
      req.on('end', () => receiver.answer(req.url ?? '/', req.headers, rawBody, res));
    });
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The next requests with a valid signature get these answers, in order. */
  respond(...responses: PlannedResponse[]): void {
    this.plan.push(...responses);
  }

  failNext(times: number, status = 500): void {
    this.respond(...Array.from({ length: times }, () => ({ status })));
  }

  /** Resolves with the matching requests once at least `count` of them have arrived. */
  async waitFor(match: (r: ReceivedWebhook) => boolean = () => true, count = 1, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`expected ${count} matching webhook request(s), got ${found.length} (of ${this.received.length})`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  /** Requests about one object (`body.object.id`). */
  about(objectId: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.body?.object?.id === objectId);
  }

  async close(): Promise<void> {
    this.timers.forEach(clearTimeout);
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(path: string, headers: IncomingHttpHeaders, rawBody: string, res: import('node:http').ServerResponse): void {
    const signatureValid = verifySignature(this.secret, headers['x-signature'] as string | undefined, rawBody);
    const planned: PlannedResponse = signatureValid ? (this.plan.shift() ?? { status: 200 }) : { status: 401 };
    let body: unknown = null;
    try {
      body = JSON.parse(rawBody);
    } catch {
      // recorded raw; the test decides whether that matters
    }
    this.received.push({ path, headers, rawBody, body, signatureValid, answered: planned.status });
    this.waiters.splice(0).forEach((wake) => wake());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (res.destroyed) return;
      res.writeHead(planned.status, { 'content-type': 'text/plain', ...planned.headers });
      res.end(planned.status < 300 ? 'ok' : `planned ${planned.status}`);
    }, planned.delayMs ?? 0);
    this.timers.add(timer);
  }
}
