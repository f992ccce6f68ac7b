import { startTestApp, TestApp } from '../support/test-app';

describe('exports are cacheable like feeds', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ CACHE_MAX_AGE: '30', CACHE_SWR: '90' })));
  afterAll(() => t.close());

  it('sends a public Cache-Control and a strong ETag, and 304 on If-None-Match', async () => {
    const first = await fetch(`${t.baseUrl}/export/all.json`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=30, stale-while-revalidate=90');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9+/=_-]{16,}"$/);
    const again = await fetch(`${t.baseUrl}/export/all.json`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('never caches an authenticated request', async () => {
    const res = await fetch(`${t.baseUrl}/export/all.json`, { headers: { authorization: 'Bearer whatever' } });
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('etag')).toBeNull();
  });
});
