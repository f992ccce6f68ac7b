import { makeIssue } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const TREE = `query($s: String!) { issue(slug: $s) {
  slug articleCount editors { name } previous { slug } next { slug }
  sections { number title issue { slug } articles { number title bodyHtml excerpt section { number } issue { slug }
    authors { name } references { label url kind } } }
} }`;

/** Every relation goes through a per-request DataLoader, so the statement count is independent of the tree's size. */
describe('SQL statements per full issue-tree request', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ SERVER_TIMING: 'true' })));
  afterAll(() => t.close());

  async function statementsFor(slug: string): Promise<number> {
    const res = await t.gql(TREE, { s: slug });
    expect(res.body.errors).toBeUndefined();
    const header = res.headers.get('server-timing') ?? '';
    const match = /db;desc="(\d+) statements"/.exec(header);
    if (!match) throw new Error(`no statement count in Server-Timing: "${header}"`);
    return Number(match[1]);
  }

  it('is a small constant that does not grow with more sections, articles, authors and references', async () => {
    const before = await makeIssue(t);
    const small = await makeIssue(t, { sections: [1], editors: ['甲'], authors: () => ['A One'], previous: before.slug });
    const large = await makeIssue(t, { sections: [6, 5, 7], editors: ['甲', '乙', '丙'], authors: (s, a) => [`Author ${s}-${a}`, 'Shared Author'], previous: before.slug });
    const smallCount = await statementsFor(small.slug);
    const largeCount = await statementsFor(large.slug);
    expect(largeCount).toBe(smallCount);
    // issue, editors, articleCount, previous, next, sections, articles, authors, references
    expect(largeCount).toBe(9);
  });

  it('is counted per request, not accumulated across requests', async () => {
    const issue = await makeIssue(t);
    expect(await statementsFor(issue.slug)).toBe(await statementsFor(issue.slug));
  });
});
