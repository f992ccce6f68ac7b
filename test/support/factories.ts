import { randomBytes, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IssueImporter } from '../../src/content/issue-importer.service';
import { IssueStatus } from '../../src/issues/issue.entity';

/**
 * Random in a range no real or seeded issue uses; jest reloads this module for every spec file in a worker,
 * so a counter would repeat. A clash among a few hundred picks in 1.9e9 is about 1 in 100,000 runs.
 */
export function uniqueNumber(): number {
  return randomInt(100_000, 2_000_000_000);
}

export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export interface IssueSpec {
  slug?: string;
  number?: number;
  title?: string;
  period?: string;
  editors?: string[];
  previous?: string;
  /** Articles per section, e.g. [2, 1] is two sections with 2 and 1 articles. */
  sections?: number[];
  authors?: (section: number, article: number) => string[];
}

export function issueMarkdown(spec: IssueSpec = {}): { markdown: string; slug: string; number: number } {
  const slug = spec.slug ?? uniqueSlug('issue');
  const number = spec.number ?? uniqueNumber();
  const lines = ['---', `slug: ${slug}`, `number: ${number}`, `title: ${spec.title ?? `测试月报 ${slug}`}`, `period: ${spec.period ?? '2021-01'}`];
  if (spec.editors) lines.push(`editors: [${spec.editors.join(', ')}]`);
  if (spec.previous) lines.push(`previous: ${spec.previous}`);
  lines.push('---', `Summary of ${slug}.`, '');
  (spec.sections ?? [2]).forEach((count, s) => {
    lines.push(`## ${s + 1}. 章节 ${s + 1}`, '');
    for (let a = 1; a <= count; a++) {
      lines.push(`### ${s + 1}.${a} Patch series ${slug} ${s + 1}.${a}`);
      const authors = spec.authors?.(s + 1, a) ?? [];
      if (authors.length > 0) lines.push(`Authors: ${authors.join(', ')}`);
      lines.push('Tags: test', '', `正文 ${s + 1}.${a} cites [1].`, '', `[1]: https://lwn.net/Articles/${800000 + a}/ "LWN ${a}"`, '');
    }
  });
  return { markdown: lines.join('\n'), slug, number };
}

/** Builds an issue through the real importer, then gives it the wanted status. */
export async function makeIssue(
  deps: { importer: IssueImporter; dataSource: DataSource },
  spec: IssueSpec & { status?: IssueStatus } = {},
): Promise<{ id: string; slug: string; number: number }> {
  const { markdown, slug, number } = issueMarkdown(spec);
  const status = spec.status ?? IssueStatus.PUBLISHED;
  const { issue } = await deps.importer.importMarkdown(markdown, { publish: status === IssueStatus.PUBLISHED });
  if (status === IssueStatus.SCHEDULED) {
    await deps.dataSource.query(`UPDATE issue SET status = 'SCHEDULED', scheduled_at = now() + interval '1 day' WHERE id = $1`, [issue.id]);
  }
  return { id: issue.id, slug, number };
}
