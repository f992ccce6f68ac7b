import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isPublic, NO_STORE } from './cache-policy';
import { ifNoneMatchHits, strongEtag } from './etag';

type Send = Response['send'];

/**
 * Strong ETag and `304 Not Modified` for responses already marked `Cache-Control: public` (the GraphQL plugin marks them).
 * Every other response keeps no ETag and, when nothing chose a policy, gets `private, no-store`.
 * Works on bodies given to `res.send`/`res.json`; a streamed body (`res.write`) gets no ETag.
 */
export function conditionalGet(): RequestHandler {
  return cacheHeaders(() => undefined);
}

/**
 * For REST routes serving published content (feeds, sitemap, exports): a 200 to an anonymous request is public
 * with a strong ETag and 304s; a request with `Authorization`, or any other status, is `private, no-store`.
 * A `Cache-Control` the handler set itself is kept.
 */
export function publicContent(publicCacheControl: string): RequestHandler {
  return cacheHeaders((req, res) => {
    if (req.headers.authorization !== undefined) return NO_STORE;
    if (res.getHeader('cache-control') !== undefined) return undefined;
    return res.statusCode === 200 ? publicCacheControl : NO_STORE;
  });
}

function cacheHeaders(policyOf: (req: Request, res: Response) => string | undefined): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const send: Send = res.send.bind(res);
    res.send = function sendWithValidators(body?: unknown) {
      // res.send(object) comes back here as res.json's string; only bytes can be hashed.
      if (typeof body !== 'string' && !Buffer.isBuffer(body)) return send(body);
      const policy = policyOf(req, res);
      if (policy) res.setHeader('cache-control', policy);
      if (!res.hasHeader('cache-control')) res.setHeader('cache-control', NO_STORE);
      res.removeHeader('etag');
      if (res.statusCode !== 200 || !isPublic(res.getHeader('cache-control'))) return send(body);
      const etag = strongEtag(body);
      res.setHeader('etag', etag);
      if ((req.method === 'GET' || req.method === 'HEAD') && ifNoneMatchHits(req.headers['if-none-match'], etag)) {
        for (const header of ['content-type', 'content-length', 'transfer-encoding']) res.removeHeader(header);
        res.status(304).end();
        return res;
      }
      return send(body);
    } as Send;
    next();
  };
}
