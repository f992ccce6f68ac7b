import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedIssue } from './feed-content';
import { writeIssueFeed, writeIssuesFeed } from './feed-writer';
import { SiteLinks } from './site-links';
import { writeSitemap } from './sitemap-writer';

const links = new SiteLinks('https://kernel.example.org/monthly');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

const issue: FeedIssue = {
  slug: '2020-07',
  number: 7,
  title: '内核月报 <七月> & "引号"',
  period: '2020-07',
  summaryHtml: '<p>本月摘要</p>',
  publishedAt: new Date('2020-08-01T00:00:00Z'),
  articles: [
    { slug: 'kvm-a', number: '1.1', title: 'KVM: 嵌套虚拟化 ]]> <b>', html: '<p>正文\u0001一</p><pre>a ]]&gt; b</pre>', excerpt: '正文一', tags: ['kvm'], authors: ['陈玮'] },
    { slug: 'mm b', number: '1.2', title: 'mm: 内存', html: '<p>正文二</p>', excerpt: '正文二', tags: [], authors: [] },
  ],
};

describe('feed writers', () => {
  it('RSS is valid XML with escaped Chinese text and absolute links', () => {
    const xml = writeIssuesFeed(links, [issue], 'rss');
    expect(XMLValidator.validate(xml)).toBe(true);
    const channel = parser.parse(xml).rss.channel;
    expect(channel.link).toBe('https://kernel.example.org/monthly/issues');
    expect(channel.item.title).toBe('内核月报 <七月> & "引号"（总第 7 期，2020-07）');
    expect(channel.item.link).toBe('https://kernel.example.org/monthly/issues/2020-07');
    expect(channel.item['content:encoded']).toContain('<a href="https://kernel.example.org/monthly/issues/2020-07/mm%20b">1.2 mm: 内存</a>');
  });

  it('an issue feed carries each article body, without characters XML forbids', () => {
    const xml = writeIssueFeed(links, issue, 'atom');
    expect(XMLValidator.validate(xml)).toBe(true);
    const entries = parser.parse(xml).feed.entry;
    expect(entries.map((e: { id: string }) => e.id)).toEqual([
      'https://kernel.example.org/monthly/issues/2020-07/kvm-a',
      'https://kernel.example.org/monthly/issues/2020-07/mm%20b',
    ]);
    expect(entries[0].title['#text']).toBe('1.1 KVM: 嵌套虚拟化 ]]> <b>');
    expect(entries[0].content['#text']).toBe('<p>正文一</p><pre>a ]]&gt; b</pre>');
  });

  it('JSON Feed is version 1.1 with authors as a list', () => {
    const feed = JSON.parse(writeIssueFeed(links, issue, 'json'));
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', language: 'zh-Hans', feed_url: 'https://kernel.example.org/monthly/feeds/issues/2020-07.json' });
    expect(feed.items[0]).toMatchObject({ id: 'https://kernel.example.org/monthly/issues/2020-07/kvm-a', authors: [{ name: '陈玮' }], content_html: '<p>正文一</p><pre>a ]]&gt; b</pre>' });
    expect(feed.items[0].author).toBeUndefined();
  });

  it('the same content gives the same bytes (ETags depend on it)', () => {
    expect(writeIssuesFeed(links, [issue], 'atom')).toBe(writeIssuesFeed(links, [issue], 'atom'));
  });
});

describe('writeSitemap', () => {
  it('lists the home page, the issue list, each issue and each article with escaped locations', () => {
    const xml = writeSitemap(links, [{ ...issue, slug: 'a&b' }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url;
    expect(urls.map((u: { loc: string }) => u.loc)).toEqual([
      'https://kernel.example.org/monthly/',
      'https://kernel.example.org/monthly/issues',
      'https://kernel.example.org/monthly/issues/a%26b',
      'https://kernel.example.org/monthly/issues/a%26b/kvm-a',
      'https://kernel.example.org/monthly/issues/a%26b/mm%20b',
    ]);
    expect(urls[2].lastmod).toBe('2020-08-01');
  });
});
