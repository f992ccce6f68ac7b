import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '../common/errors/domain-error';

/** `<issueId>.<expiry seconds>.<hmac>`: shows one issue until it expires, without a token. */
export function signPreview(secret: string, issueId: string, expiresAt: Date): string {
  const payload = `${issueId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${payload}.${mac(secret, payload)}`;
}

export function verifyPreview(secret: string, token: string, now = Date.now()): string {
  const [issueId, expires, signature] = token.split('.');
  const expected = issueId && expires ? mac(secret, `${issueId}.${expires}`) : '';
  const valid = signature !== undefined && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  if (!valid) throw new DomainError(ErrorCode.FORBIDDEN, 'the preview link is not valid', { field: 'token' });
  if (Number(expires) * 1000 <= now) throw new DomainError(ErrorCode.FORBIDDEN, 'the preview link has expired', { field: 'token' });
  return issueId;
}

function mac(secret: string, payload: string): string {
  if (secret.length < 32) throw new Error('the preview secret is missing or shorter than 32 characters');
  return createHmac('sha256', secret).update(`preview:${payload}`).digest('base64url');
}
