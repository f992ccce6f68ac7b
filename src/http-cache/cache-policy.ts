import type { AppConfig } from '../config/app-config';

/** Anything personal, unpublished, failed or state-changing: neither browsers nor shared caches may keep it. */
export const NO_STORE = 'private, no-store';

/** The `Cache-Control` of anonymous reads of published content; stale-while-revalidate lets a CDN hide a slow origin. */
export function publicCacheControl(config: Pick<AppConfig, 'cacheMaxAge' | 'cacheStaleWhileRevalidate'>): string {
  return `public, max-age=${config.cacheMaxAge}, stale-while-revalidate=${config.cacheStaleWhileRevalidate}`;
}

export function isPublic(cacheControl: unknown): boolean {
  return typeof cacheControl === 'string' && /^\s*public\b/i.test(cacheControl);
}
