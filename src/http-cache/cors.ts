import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/** CORS from CORS_ORIGINS: none configured means no CORS headers at all; `*` must be asked for explicitly. */
export function corsOptions(origins: readonly string[]): CorsOptions | null {
  if (origins.length === 0) return null;
  return {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    // Bearer tokens travel in a header, never a cookie, so credentialed CORS is never needed.
    credentials: false,
    allowedHeaders: ['authorization', 'content-type', 'if-none-match', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['etag', 'x-request-id', 'server-timing', 'retry-after'],
    maxAge: 600,
  };
}
