import { IssueStatus } from '../../src/issues/issue.entity';
import { makeIssue, uniqueSlug } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type Page = { edges: Array<{ cursor: string; node: Record<string, any> }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

/** Walks a connection to its end; other specs add rows concurrently, so checks are about order and membership. */
async function walk(t: TestApp, field: 'issues' | 'contributors', nodeFields: string, first: number): Promise<{ nodes: any[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after: string | null = null;
  do {
    const { body }: { body: any } = await t.gql(`query($first: Int!, $after: String) { ${field}(first: $first, after: $after) { edges { cursor node { ${nodeFields} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`, { first, after });
    expect(body.errors).toBeUndefined();
    pages.push(body.data[field]);
    after = body.data[field].pageInfo.hasNextPage ? body.data[field].pageInfo.endCursor : null;
  } while (after && pages.length < 1000);
  return { nodes: pages.flatMap((p) => p.edges.map((e) => e.node)), pages };
}

describe('cursor connections', () => {
  let t: TestApp;
  const editor = `Pager ${uniqueSlug()}`;
  beforeAll(async () => {
    t = await startTestApp();
    await makeIssue(t, { editors: [editor], authors: () => [editor] });
  });
  afterAll(() => t.close());

  it('issues: newest first by running number, every published issue exactly once across pages', async () => {
    const made = [await makeIssue(t), await makeIssue(t), await makeIssue(t)];
    const { nodes, pages } = await walk(t, 'issues', 'slug number', 2);
    const numbers = nodes.map((n) => n.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(nodes.map((n) => n.slug)).toEqual(expect.arrayContaining(made.map((m) => m.slug)));
    expect(pages[0].pageInfo.hasPreviousPage).toBe(false);
    expect(pages[1].pageInfo.hasPreviousPage).toBe(true);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    expect(pages[0].pageInfo.startCursor).toBe(pages[0].edges[0].cursor);
    expect(pages[0].pageInfo.endCursor).toBe(pages[0].edges.at(-1)!.cursor);
  });

  it('contributors: ordered by slug, each once, the draft-only ones excluded', async () => {
    const shown = `Visible ${uniqueSlug()}`;
    const hidden = `Hidden ${uniqueSlug()}`;
    await makeIssue(t, { authors: () => [shown] });
    await makeIssue(t, { status: IssueStatus.DRAFT, authors: () => [hidden], editors: [hidden] });
    const { nodes } = await walk(t, 'contributors', 'slug name', 100);
    const slugs = nodes.map((n) => n.slug);
    expect(slugs).toEqual([...slugs].sort());
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(nodes.map((n) => n.name)).toContain(shown);
    expect(nodes.map((n) => n.name)).not.toContain(hidden);
  });

  it('an empty page past the end has no cursors', async () => {
    const last = await t.gql('{ issues(first: 100) { pageInfo { endCursor } } }');
    let cursor = last.body.data!.issues.pageInfo.endCursor;
    for (let guard = 0; guard < 1000; guard++) {
      const next = await t.gql('query($a: String) { issues(first: 100, after: $a) { edges { cursor } pageInfo { hasNextPage endCursor startCursor } } }', { a: cursor });
      const page = next.body.data!.issues;
      if (page.edges.length === 0) {
        expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: null, startCursor: null });
        return;
      }
      cursor = page.pageInfo.endCursor;
    }
    throw new Error('never reached the end');
  });

  it.each([0, -1, 101, 1000])('refuses first: %i with BAD_USER_INPUT naming the argument', async (first) => {
    for (const query of [
      `{ issues(first: ${first}) { edges { cursor } } }`,
      `{ contributors(first: ${first}) { edges { cursor } } }`,
      `{ contributor(slug: "${editor.toLowerCase().replace(/[^a-z0-9]+/g, '-')}") { articles(first: ${first}) { edges { cursor } } } }`,
      `{ contributor(slug: "${editor.toLowerCase().replace(/[^a-z0-9]+/g, '-')}") { editedIssues(first: ${first}) { edges { cursor } } } }`,
    ]) {
      const { status, body } = await t.gql(query);
      expect(status).toBe(200);
      expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('between 1 and 100'), extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    }
  });

  it.each(['garbage', Buffer.from('{"v":1,"k":["x"]}').toString('base64url'), Buffer.from('{"v":9,"k":[1]}').toString('base64url')])('refuses the cursor %s', async (after) => {
    const { body } = await t.gql('query($a: String) { issues(after: $a) { edges { cursor } } }', { a: after });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(body.data).toBeNull();
  });
});
