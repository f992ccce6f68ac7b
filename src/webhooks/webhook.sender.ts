import http from 'node:http';
import https from 'node:https';
import { signatureHeader } from './webhook-signature';
import { guardedLookup, literalProblem } from './webhook-target';

export interface OutgoingDelivery {
  deliveryId: string;
  event: string;
  url: string;
  secret: string;
  /** The exact bytes that are signed and sent. */
  body: string;
}

export interface DeliveryOutcome {
  ok: boolean;
  /** The HTTP status, or null when no response arrived. */
  status: number | null;
  error: string | null;
}

export interface SenderOptions {
  timeoutMs: number;
  /** Loopback and private targets are allowed (tests, single-host setups). */
  allowPrivate: boolean;
}

const USER_AGENT = 'kernel-monthly-webhooks/1';
const ERROR_SNIPPET_CHARS = 300;

/** One signed POST. Never follows redirects, never throws: every failure becomes an outcome to record. */
export class WebhookSender {
  constructor(private readonly options: SenderOptions) {}

  async send(delivery: OutgoingDelivery): Promise<DeliveryOutcome> {
    const url = new URL(delivery.url);
    // Names are judged by what they resolve to now (guardedLookup), not by what they looked like at creation.
    const blocked = this.options.allowPrivate ? null : literalProblem(url.hostname);
    if (blocked) return { ok: false, status: null, error: `blocked target: ${blocked}` };
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      const { status, snippet } = await this.post(url, delivery, signal);
      if (status >= 200 && status < 300) return { ok: true, status, error: null };
      const location = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
      return { ok: false, status, error: `HTTP ${status}${location}${snippet ? `: ${snippet}` : ''}` };
    } catch (error) {
      return { ok: false, status: null, error: this.describe(error as NodeJS.ErrnoException, signal) };
    }
  }

  private post(url: URL, delivery: OutgoingDelivery, signal: AbortSignal): Promise<{ status: number; snippet: string }> {
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(delivery.body),
      'user-agent': USER_AGENT,
      'x-webhook-event': delivery.event,
      'x-webhook-delivery': delivery.deliveryId,
      'x-signature': signatureHeader(delivery.secret, delivery.body, Math.floor(Date.now() / 1000)),
    };
    // IP literals never reach `lookup`: send() has checked those already.
    const lookup = this.options.allowPrivate ? undefined : guardedLookup();
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(url, { method: 'POST', headers, signal, lookup, agent: false }, (res) => {
        const status = res.statusCode ?? 0;
        let snippet = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          snippet += chunk;
          if (snippet.length >= ERROR_SNIPPET_CHARS) res.destroy();
        });
        res.on('error', () => undefined);
        res.on('close', () => resolve({ status, snippet: snippet.slice(0, ERROR_SNIPPET_CHARS).trim() }));
        // A success needs no body: do not wait for a slow one.
        if (status >= 200 && status < 300) res.destroy();
      });
      request.on('error', reject);
      request.end(delivery.body);
    });
  }

  private describe(error: NodeJS.ErrnoException, signal: AbortSignal): string {
    if (signal.aborted) return `timed out after ${this.options.timeoutMs} ms`;
    if (error.name === 'BlockedTargetError') return `blocked target: ${error.message}`;
    return error.message || error.code || String(error);
  }
}
