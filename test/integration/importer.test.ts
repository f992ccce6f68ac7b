import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/errors/domain-error';
import { IssueImporter } from '../../src/content/issue-importer.service';
import { issueMarkdown, uniqueSlug } from '../support/factories';
import { openTestDatabase } from '../support/test-database';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'content', '2020-07.md'), 'utf8');

describe('IssueImporter against Postgres', () => {
  let dataSource: DataSource;
  let importer: IssueImporter;

  beforeAll(async () => ({ dataSource, importer } = await openTestDatabase()));
  afterAll(() => dataSource.destroy());

  const count = async (sql: string, params: unknown[]) => Number((await dataSource.query(sql, params))[0].count);
  const countRows = async (issueId: string) => ({
    sections: await count('SELECT count(*) FROM section WHERE issue_id = $1', [issueId]),
    articles: await count('SELECT count(*) FROM article WHERE issue_id = $1', [issueId]),
    references: await count('SELECT count(*) FROM reference r JOIN article a ON a.id = r.article_id WHERE a.issue_id = $1', [issueId]),
    authors: await count('SELECT count(*) FROM article_contributor ac JOIN article a ON a.id = ac.article_id WHERE a.issue_id = $1', [issueId]),
    editors: await count('SELECT count(*) FROM issue_contributor WHERE issue_id = $1', [issueId]),
  });

  it('imports the whole July 2020 sample: 3 sections, 14 articles, authors, references and editors', async () => {
    const { issue, warnings } = await importer.importMarkdown(SAMPLE, { publish: true });
    expect(issue).toMatchObject({ slug: '2020-07', number: 2, status: 'PUBLISHED', publishedOn: '2020-08-10', previousSlug: '2020-06' });
    expect(await countRows(issue.id)).toEqual({ sections: 3, articles: 14, references: 17, authors: 6, editors: 3 });
    expect(warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('article 1.2 cites [1]'), expect.stringContaining('looks cut off')]),
    );
    const kinds = await dataSource.query(
      `SELECT r.kind, r.external_id FROM reference r JOIN article a ON a.id = r.article_id WHERE a.issue_id = $1 AND a.number = '1.1'`,
      [issue.id],
    );
    expect(kinds).toEqual([{ kind: 'LORE', external_id: '2cf00ec4-1ed6-f66e-6897-006d1a5' }]);
  });

  it('is idempotent: a second import of the same file keeps every row, id and version', async () => {
    const names = [`编辑甲 ${uniqueSlug()}`, `Editor B ${uniqueSlug()}`, `Same Author ${uniqueSlug()}`];
    const { markdown, slug } = issueMarkdown({ sections: [2, 3], editors: names.slice(0, 2), authors: () => [names[2]] });
    const first = await importer.importMarkdown(markdown);
    const before = await dataSource.query('SELECT id, version FROM article WHERE issue_id = $1 ORDER BY id', [first.issue.id]);
    const contributors = () => dataSource.query('SELECT id, slug, version FROM contributor WHERE name = ANY($1) ORDER BY name', [names]);
    const contributorsBefore = await contributors();
    expect(contributorsBefore).toHaveLength(3);
    const second = await importer.importMarkdown(markdown);
    expect(second.issue.id).toBe(first.issue.id);
    expect(second.created).toBe(false);
    expect(second.issue.version).toBe(first.issue.version);
    expect(await dataSource.query('SELECT id, version FROM article WHERE issue_id = $1 ORDER BY id', [first.issue.id])).toEqual(before);
    expect(await countRows(first.issue.id)).toEqual({ sections: 2, articles: 5, references: 5, authors: 5, editors: 2 });
    expect(await contributors()).toEqual(contributorsBefore);
    expect(await count('SELECT count(*) FROM issue WHERE slug = $1', [slug])).toBe(1);
  });

  it('keeps one contributor row per written name across issues', async () => {
    const name = `Reused Person ${uniqueSlug()}`;
    await importer.importMarkdown(issueMarkdown({ authors: () => [name] }).markdown);
    await importer.importMarkdown(issueMarkdown({ editors: [name], authors: () => [name] }).markdown);
    expect(await count('SELECT count(*) FROM contributor WHERE name = $1', [name])).toBe(1);
  });

  it('updates changed content in place and removes articles no longer in the file', async () => {
    const spec = { sections: [3] };
    const { markdown, slug, number } = issueMarkdown(spec);
    const { issue } = await importer.importMarkdown(markdown);
    const smaller = issueMarkdown({ slug, number, sections: [1] }).markdown.replace('正文 1.1', '修改后的正文 1.1');
    const again = await importer.importMarkdown(smaller);
    expect(again.issue.id).toBe(issue.id);
    const rows = await dataSource.query('SELECT number, body, version FROM article WHERE issue_id = $1', [issue.id]);
    expect(rows).toEqual([{ number: '1.1', body: expect.stringContaining('修改后的正文'), version: 2 }]);
  });

  it('keeps an article id when its title (and so its slug) changes but its number does not', async () => {
    const { markdown, slug, number } = issueMarkdown({ sections: [2] });
    const { issue } = await importer.importMarkdown(markdown);
    const idOf = async (n: string) => (await dataSource.query('SELECT id, slug FROM article WHERE issue_id = $1 AND number = $2', [issue.id, n]))[0];
    const before = await idOf('1.2');
    await importer.importMarkdown(issueMarkdown({ slug, number, sections: [2] }).markdown.replace(`### 1.2 Patch series ${slug} 1.2`, '### 1.2 A renamed series'));
    const after = await idOf('1.2');
    expect(after).toEqual({ id: before.id, slug: 'a-renamed-series' });
  });

  it('rejects a malformed file whole, listing every error by line, and writes nothing', async () => {
    const { markdown, slug } = issueMarkdown({ sections: [2] });
    const broken = markdown
      .replace('period: 2021-01', 'period: 2021-13')
      .replace('[1]: https://lwn.net/Articles/800002/', '[1]: ftp://example.org/x')
      .replace('### 1.2', '### one.two');
    const error = await importer.importMarkdown(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    const details = (error as DomainError).details as { field: string; errors: Array<{ line: number; message: string }> };
    expect(details.field).toBe('markdown');
    expect(details.errors.map((e) => e.message)).toEqual([
      expect.stringContaining('period must be YYYY-MM'),
      expect.stringContaining('malformed heading'),
      // the broken heading folds article 1.2 into 1.1, so its [1] now clashes with 1.1's
      expect.stringContaining('reference [1] is defined twice'),
      expect.stringContaining('invalid URL "ftp://example.org/x"'),
    ]);
    expect(details.errors.every((e) => e.line > 0)).toBe(true);
    expect(await count('SELECT count(*) FROM issue WHERE slug = $1', [slug])).toBe(0);
  });

  it('refuses a number that another issue already uses, writing nothing', async () => {
    const taken = issueMarkdown();
    await importer.importMarkdown(taken.markdown);
    const clash = issueMarkdown({ number: taken.number });
    await expect(importer.importMarkdown(clash.markdown)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'number' } });
    expect(await count('SELECT count(*) FROM issue WHERE slug = $1', [clash.slug])).toBe(0);
  });

  it('refuses to overwrite a published issue unless asked to', async () => {
    const { markdown } = issueMarkdown();
    await importer.importMarkdown(markdown, { publish: true });
    await expect(importer.importMarkdown(markdown)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(importer.importMarkdown(markdown, { replacePublished: true })).resolves.toMatchObject({ issue: { status: 'PUBLISHED' } });
  });

  it('rolls back everything when a write fails half-way', async () => {
    const { markdown, slug } = issueMarkdown({ sections: [2] });
    // The second article's reference trips a constraint that matches only this test's data, after the
    // issue, its section and the first article were already written in the same transaction.
    const marker = `rollback-${slug}`;
    const failing = markdown.replace('https://lwn.net/Articles/800002/', `https://lwn.net/Articles/800002/?${marker}`);
    const constraint = `reference_${slug.replace(/-/g, '_')}_check`;
    await dataSource.query(`ALTER TABLE reference ADD CONSTRAINT ${constraint} CHECK (url IS NULL OR url NOT LIKE '%${marker}%') NOT VALID`);
    try {
      await expect(importer.importMarkdown(failing)).rejects.toThrow(constraint);
    } finally {
      await dataSource.query(`ALTER TABLE reference DROP CONSTRAINT ${constraint}`);
    }
    expect(await count('SELECT count(*) FROM issue WHERE slug = $1', [slug])).toBe(0);
    expect(await count(`SELECT count(*) FROM article WHERE title LIKE $1`, [`%${slug}%`])).toBe(0);
  });
});
