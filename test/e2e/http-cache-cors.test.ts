import { startTestApp, TestApp } from '../support/test-app';

const FRONT = 'https://front.example.org';

const preflight = (t: TestApp, origin: string) =>
  fetch(`${t.baseUrl}/graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });
const actual = (t: TestApp, origin: string) => fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin } });
const corsHeaders = (res: Response) => [...res.headers.keys()].filter((k) => k.startsWith('access-control-'));

describe('CORS', () => {
  describe('with CORS_ORIGINS listing origins', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: `${FRONT}, http://localhost:5173` });
    });
    afterAll(() => t.close());

    it('answers a preflight from a listed origin with the methods and headers a front end needs', async () => {
      const res = await preflight(t, FRONT);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(FRONT);
      expect(res.headers.get('access-control-allow-methods')!.split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
      expect(res.headers.get('access-control-allow-headers')!.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type', 'if-none-match']));
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('vary')).toMatch(/origin/i);
      expect(res.headers.get('access-control-max-age')).toBe('600'); // the README's "cached for 10 minutes"
    });

    it('lets a listed origin read the response and its ETag', async () => {
      const res = await actual(t, 'http://localhost:5173');
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(res.headers.get('access-control-expose-headers')!.split(',')).toContain('etag');
      expect(res.headers.get('etag')).not.toBeNull();
    });

    it('gives an unlisted origin no CORS headers', async () => {
      for (const res of [await preflight(t, 'https://evil.example'), await actual(t, 'https://evil.example')]) {
        expect(res.headers.get('access-control-allow-origin')).toBeNull();
      }
    });
  });

  describe('with CORS_ORIGINS=*', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: '*' });
    });
    afterAll(() => t.close());

    it('allows any origin, on feeds too', async () => {
      expect((await preflight(t, 'https://anyone.example')).headers.get('access-control-allow-origin')).toBe('*');
      expect((await actual(t, 'https://anyone.example')).headers.get('access-control-allow-origin')).toBe('*');
      const feed = await fetch(`${t.baseUrl}/feeds/issues.json`, { headers: { origin: 'https://anyone.example' } });
      expect(feed.headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('without CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(() => t.close());

    it('sends no CORS headers at all', async () => {
      const pre = await preflight(t, FRONT);
      const res = await actual(t, FRONT);
      expect(corsHeaders(pre)).toEqual([]);
      expect(corsHeaders(res)).toEqual([]);
      expect(res.status).toBe(200);
    });
  });
});
