import { randomInt } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue } from '../support/factories';
import { AS_ADMIN, startTestApp, TestApp } from '../support/test-app';

const BASE = 'https://kernel.example.org/monthly';
/** Above the factories' random numbers (so among the newest 20 the site-wide feeds carry), below drafts.test.ts's own range. */
const TOP = 2_050_000_000 + randomInt(0, 40_000_000);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'entry', 'url', 'link'].includes(name) });
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

describe('feeds and sitemap', () => {
  let t: TestApp;
  let published: { id: string; slug: string };
  let draft: { slug: string };
  let scheduled: { slug: string };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: `${BASE}/` });
    published = await makeIssue(t, { number: TOP, title: '内核月报 <特刊> & 测试', sections: [2, 1] });
    draft = await makeIssue(t, { number: TOP + 2, status: IssueStatus.DRAFT });
    scheduled = await makeIssue(t, { number: TOP + 1, status: IssueStatus.SCHEDULED });
  });
  afterAll(() => t.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers });
    return { status: res.status, headers: res.headers, body: await res.text() };
  };
  const articleSlugs = async (issueId: string): Promise<string[]> =>
    (await t.dataSource.query('SELECT a.slug FROM article a JOIN section s ON s.id = a.section_id WHERE a.issue_id = $1 ORDER BY s.number, a.position', [issueId])).map(
      (r: { slug: string }) => r.slug,
    );
  const issueUrl = (slug: string) => `${BASE}/issues/${slug}`;

  it('RSS 2.0: channel title, link and description; each item a title, absolute link and guid; no drafts', async () => {
    const res = await get('/feeds/issues.rss');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    const rss = parser.parse(res.body).rss;
    expect(rss['@version']).toBe('2.0');
    expect(rss.channel).toMatchObject({ title: expect.stringMatching(/\S/), link: [`${BASE}/issues`], description: expect.stringMatching(/\S/) });
    const items = list<Record<string, any>>(rss.channel.item);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(20);
    for (const item of items) {
      expect(item.title).toEqual(expect.stringMatching(/\S/));
      expect(item.link[0]).toMatch(new RegExp(`^${BASE}/issues/`));
      expect(item.guid['#text']).toBe(item.link[0]);
    }
    const ours = items.find((i) => i.link[0] === issueUrl(published.slug));
    expect(ours?.title).toContain('内核月报 <特刊> & 测试');
    const [first] = await articleSlugs(published.id);
    expect(ours?.['content:encoded']).toContain(`href="${issueUrl(published.slug)}/${first}"`);
    expect(res.body).not.toContain(draft.slug);
    expect(res.body).not.toContain(scheduled.slug);
  });

  it('Atom 1.0: feed id, title and updated; each entry an id, title, updated and link; no drafts', async () => {
    const res = await get('/feeds/issues.atom');
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = parser.parse(res.body).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${BASE}/issues`);
    expect(feed.title).toEqual(expect.stringMatching(/\S/));
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    const entries = list<Record<string, any>>(feed.entry);
    for (const entry of entries) {
      expect(entry.id).toMatch(new RegExp(`^${BASE}/issues/`));
      expect(entry.title['#text']).toEqual(expect.stringMatching(/\S/));
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      expect(entry.link[0]['@href']).toBe(entry.id);
    }
    expect(entries.map((e) => e.id)).toContain(issueUrl(published.slug));
    expect(res.body).not.toContain(draft.slug);
  });

  it('JSON Feed 1.1: version, title, items with id and content; no drafts', async () => {
    const res = await get('/feeds/issues.json');
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.body);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toEqual(expect.stringMatching(/\S/));
    expect(feed.feed_url).toBe(`${BASE}/feeds/issues.json`);
    for (const item of feed.items) {
      expect(item.id).toMatch(new RegExp(`^${BASE}/issues/`));
      expect(typeof (item.content_html ?? item.content_text)).toBe('string');
    }
    expect(feed.items.map((i: { id: string }) => i.id)).toContain(issueUrl(published.slug));
    expect(res.body).not.toContain(draft.slug);
  });

  it.each(['rss', 'atom', 'json'])('the per-issue %s feed has one entry per article, in reading order, with its Chinese body', async (format) => {
    const res = await get(`/feeds/issues/${published.slug}.${format}`);
    expect(res.status).toBe(200);
    const expected = (await articleSlugs(published.id)).map((slug) => `${issueUrl(published.slug)}/${slug}`);
    expect(expected).toHaveLength(3);
    let ids: string[];
    let bodies: string[];
    if (format === 'json') {
      const items = JSON.parse(res.body).items;
      [ids, bodies] = [items.map((i: any) => i.id), items.map((i: any) => i.content_html)];
    } else if (format === 'rss') {
      const items = list<Record<string, any>>(parser.parse(res.body).rss.channel.item);
      [ids, bodies] = [items.map((i) => i.guid['#text']), items.map((i) => i['content:encoded'])];
    } else {
      const entries = list<Record<string, any>>(parser.parse(res.body).feed.entry);
      [ids, bodies] = [entries.map((e) => e.id), entries.map((e) => e.content['#text'])];
    }
    expect(ids).toEqual(expected);
    expect(bodies[0]).toContain('正文 1.1 cites');
  });

  it.each([
    ['an unknown slug', () => 'no-such-issue.rss'],
    ['a draft', () => `${draft.slug}.atom`],
    ['a scheduled issue', () => `${scheduled.slug}.json`],
    ['an unknown format', () => `${published.slug}.xml`],
  ])('the per-issue feed of %s is 404 and not cacheable', async (_name, file) => {
    const res = await get(`/feeds/issues/${file()}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('etag')).toBeNull();
  });

  it('/feeds/{other}.rss is 404', async () => {
    expect((await get('/feeds/other.rss')).status).toBe(404);
  });

  it('the sitemap lists published issues and their articles, never drafts', async () => {
    const res = await get('/sitemap.xml');
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const urlset = parser.parse(res.body).urlset;
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs = list<{ loc: string }>(urlset.url).map((u) => u.loc);
    expect(locs.slice(0, 2)).toEqual([`${BASE}/`, `${BASE}/issues`]);
    expect(locs).toEqual(expect.arrayContaining([issueUrl(published.slug), ...(await articleSlugs(published.id)).map((s) => `${issueUrl(published.slug)}/${s}`)]));
    expect(res.body).not.toContain(draft.slug);
    expect(res.body).not.toContain(scheduled.slug);
  });

  it.each(['/feeds/issues.rss', `/feeds/issues/{slug}.atom`, '/sitemap.xml'])('%s: public with a strong ETag; If-None-Match gives 304 with no body', async (template) => {
    const path = template.replace('{slug}', published.slug);
    const first = await get(path);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    const again = await get(path, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get(path, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('an authenticated request for a feed is private, with no ETag and no 304', async () => {
    const anonymous = await get('/feeds/issues.json');
    const res = await get('/feeds/issues.json', { ...AS_ADMIN, 'if-none-match': anonymous.headers.get('etag')! });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('etag')).toBeNull();
  });
});
