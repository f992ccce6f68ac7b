/**
 * A synthetic, published corpus for the reindex timing: issues of 100 articles in 5 sections, with
 * bilingual bodies of a few hundred characters, authors and references. It goes in with bulk SQL
 * (one `unnest` insert per table per 1000 articles): the importer would take minutes for 20,000.
 */
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { inferReference } from '../src/references/reference-kind';
import { CORPUS_SLUG_PREFIX } from './search-world';

const ARTICLES_PER_ISSUE = 100;
const ARTICLES_PER_SECTION = 20;
const ISSUES_PER_BATCH = 10;

const SENTENCES = [
  '该PATCH系列对Linux vhost做了增强,从而让它支持SoC与SoC之间基于MMIO的通信。',
  'The series adds a new mount_setattr() system call that changes the properties of a whole mount tree at once.',
  '在arm64上,TLBI RANGE指令可以一次刷新一段地址范围的TLB,减少了大量单页刷新的开销。',
  'Fast commits make ext4 journaling cheaper by logging only the minimal delta needed to recover an inode.',
  '虚拟机中的内存气球驱动会在宿主机内存紧张时回收客户机的空闲页面。',
  'Shadow stacks protect return addresses against ROP attacks with help from the CET hardware feature.',
  'f2fs引入了基于年龄阈值的垃圾回收策略,冷数据和热数据被分开迁移。',
  'The debugfs=off boot option lets administrators restrict access to debugfs on production systems.',
  '调度器在大小核系统上需要考虑能效,把轻负载任务放到小核上运行。',
  'io_uring keeps growing: this version adds support for asynchronous statx, fallocate and splice operations.',
  '页表隔离(PTI)带来的性能损失在新的处理器上已经可以通过硬件缓解措施避免。',
  'A per-CPU temporary mapping is used for text patching, so the kernel never maps writable text globally.',
  '文件系统信息接口fsinfo()可以一次查询超级块、挂载参数和限制等元数据。',
  'KVM on RISC-V now supports the H extension, so guests run with hardware-assisted virtualization.',
  '网络子系统的XDP路径在驱动层直接处理数据包,吞吐量提升明显。',
  'Memory cgroups gain a new interface for proactive reclaim that user space can drive with its own policy.',
  '块设备层的多队列调度器mq-deadline修复了在高并发下的饥饿问题。',
  'The BPF verifier learns to track bounds through more arithmetic, which lets bigger programs load.',
  '补丁作者表示,这一修改在8MiB页面大小的配置下测试通过,性能提升约12%。',
  'Virtio-vsock gives guests a socket channel to the host that needs no network configuration at all.',
];
const TOPICS = ['mm', 'fs', 'kvm', 'arm64', 'x86', 'sched', 'net', 'block', 'bpf', 'riscv', 'vfio', 'ext4'];
const VERBS = ['add support for', 'rework', 'introduce', 'fix races in', 'speed up', 'clean up'];
const THINGS = ['page tables', 'fast commits', 'shadow stacks', 'mount trees', 'TLB range flushes', 'huge pages', 'interrupt remapping', 'virtqueues'];
const SECTION_TITLES = ['虚拟化', '文件系统和Block Layer', '体系架构', '内存管理', '网络', '安全', '调度', '驱动'];
const AUTHORS = ['Alice Chen', '王晓明', 'Lukas Bauer', '李娜', 'Rahul Gupta', 'Sofia Rossi', '陈磊', 'Tomasz Nowak'];

/** Deterministic, so every run indexes the same text and runs stay comparable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pick = <T>(list: readonly T[]) => T;
type Columns = Record<string, unknown[]>;

/** Appends one row to column arrays; iterating the columns (not the row) means none can be left short. */
function push<C extends Columns>(columns: C, row: { [K in keyof C]: C[K][number] }): void {
  for (const key of Object.keys(columns) as Array<keyof C>) columns[key].push(row[key]);
}

/** Column arrays for one batch; each becomes one `unnest` parameter. */
class Batch {
  issues = { id: [] as string[], slug: [] as string[], number: [] as number[], period: [] as string[], title: [] as string[] };
  sections = { id: [] as string[], issue: [] as string[], number: [] as number[], title: [] as string[] };
  articles = { id: [] as string[], issue: [] as string[], section: [] as string[], number: [] as string[], position: [] as number[], slug: [] as string[], title: [] as string[], body: [] as string[], tags: [] as string[] };
  authors = { article: [] as string[], contributor: [] as string[], position: [] as number[] };
  refs = { article: [] as string[], label: [] as string[], url: [] as string[], title: [] as string[], kind: [] as string[], external: [] as string[] };
}

interface Place {
  issueId: string;
  sectionId: string;
  section: number;
  position: number;
  /** Running article number over the whole corpus. */
  k: number;
}

function addArticle(b: Batch, pick: Pick, random: () => number, at: Place, authorIds: string[]): void {
  const id = randomUUID();
  // Chinese sentences run on without a space, English ones are followed by one, as in the real issues.
  const sentence = () => pick(SENTENCES).replace(/\.$/, '. ');
  const body = Array.from({ length: 4 + Math.floor(random() * 4) }, sentence).join('') + '原始讨论见[1]。';
  const title = `${pick(TOPICS)}: ${pick(VERBS)} ${pick(THINGS)} (v${1 + (at.k % 7)}, #${at.k})`;
  const number = `${at.section}.${at.position + 1}`;
  push(b.articles, { id, issue: at.issueId, section: at.sectionId, number, position: at.position, slug: `article-${at.section}-${at.position + 1}`, title, body, tags: `${pick(TOPICS)},${pick(TOPICS)}` });
  const authors = [...new Set([pick(authorIds), pick(authorIds)])].slice(0, 1 + Math.floor(random() * 2));
  authors.forEach((contributor, position) => push(b.authors, { article: id, contributor, position }));
  const url = `https://lore.kernel.org/r/2020${at.k}.bench${at.k}@kernel.org`;
  const { kind, externalId } = inferReference(url);
  push(b.refs, { article: id, label: '1', url, title: `[PATCH] ${title}`, kind, external: externalId ?? '' });
}

function addIssue(b: Batch, i: number, articles: number, numberBase: number, authorIds: string[], random: () => number): void {
  const pick: Pick = (list) => list[Math.floor(random() * list.length)];
  const issueId = randomUUID();
  const period = `${2000 + (Math.floor(i / 12) % 30)}-${String((i % 12) + 1).padStart(2, '0')}`;
  push(b.issues, { id: issueId, slug: `${CORPUS_SLUG_PREFIX}${i}`, number: numberBase + i, period, title: `Linux内核月报(合成第${i}期)` });
  for (let s = 0; s * ARTICLES_PER_SECTION < articles; s++) {
    const sectionId = randomUUID();
    push(b.sections, { id: sectionId, issue: issueId, number: s + 1, title: SECTION_TITLES[(i + s) % SECTION_TITLES.length] });
    for (let p = 0; p < ARTICLES_PER_SECTION && s * ARTICLES_PER_SECTION + p < articles; p++) {
      addArticle(b, pick, random, { issueId, sectionId, section: s + 1, position: p, k: i * ARTICLES_PER_ISSUE + s * ARTICLES_PER_SECTION + p }, authorIds);
    }
  }
}

function buildBatch(firstIssue: number, issueCount: number, totalArticles: number, numberBase: number, authorIds: string[], random: () => number): Batch {
  const b = new Batch();
  for (let i = firstIssue; i < firstIssue + issueCount; i++) {
    addIssue(b, i, Math.min(ARTICLES_PER_ISSUE, totalArticles - i * ARTICLES_PER_ISSUE), numberBase, authorIds, random);
  }
  return b;
}

async function insertBatch(m: EntityManager, b: Batch): Promise<void> {
  const { issues: i, sections: s, articles: a, authors: c, refs: r } = b;
  await m.query(
    `INSERT INTO issue (id, slug, number, period, title, publisher, status, published_at)
     SELECT id, slug, number, period, title, 'Linux阅码场', 'PUBLISHED', now() FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[]) AS t(id, slug, number, period, title)`,
    [i.id, i.slug, i.number, i.period, i.title],
  );
  await m.query('INSERT INTO section (id, issue_id, number, title) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[])', [s.id, s.issue, s.number, s.title]);
  await m.query(
    `INSERT INTO article (id, issue_id, section_id, number, position, slug, title, body, tags)
     SELECT id, issue_id, section_id, number, position, slug, title, body, string_to_array(tags, ',')
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[]) AS t(id, issue_id, section_id, number, position, slug, title, body, tags)`,
    [a.id, a.issue, a.section, a.number, a.position, a.slug, a.title, a.body, a.tags],
  );
  await m.query(`INSERT INTO article_contributor (article_id, contributor_id, role, position) SELECT a, c, 'AUTHOR', p FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS t(a, c, p)`, [c.article, c.contributor, c.position]);
  await m.query(
    `INSERT INTO reference (article_id, position, label, url, title, kind, external_id)
     SELECT a, 0, l, u, t, k, NULLIF(e, '') FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(a, l, u, t, k, e)`,
    [r.article, r.label, r.url, r.title, r.kind, r.external],
  );
}

async function insertAuthors(dataSource: DataSource): Promise<string[]> {
  const slugs = AUTHORS.map((_, n) => `${CORPUS_SLUG_PREFIX}author-${n + 1}`);
  const rows: Array<{ id: string }> = await dataSource.query('INSERT INTO contributor (slug, name) SELECT * FROM unnest($1::text[], $2::text[]) RETURNING id', [slugs, AUTHORS]);
  return rows.map((row) => row.id);
}

/** Writes `articles` published articles; returns how many issues that took. */
export async function insertCorpus(dataSource: DataSource, articles: number, signal: AbortSignal): Promise<number> {
  const authorIds = await insertAuthors(dataSource);
  const [{ base }] = await dataSource.query('SELECT COALESCE(max(number), 0) + 1 AS base FROM issue');
  const issues = Math.ceil(articles / ARTICLES_PER_ISSUE);
  const random = mulberry32(20200701);
  for (let first = 0; first < issues; first += ISSUES_PER_BATCH) {
    signal.throwIfAborted();
    const batch = buildBatch(first, Math.min(ISSUES_PER_BATCH, issues - first), articles, base, authorIds, random);
    await dataSource.transaction((m) => insertBatch(m, batch));
  }
  // Fresh statistics, as a long-lived database has: without them the planner still sees near-empty tables
  // and the rebuild's source query (correlated subqueries per article) runs seconds per page until autovacuum.
  await dataSource.query('ANALYZE issue, section, article, article_contributor, reference, contributor');
  return issues;
}
