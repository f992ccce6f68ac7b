import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { isHttpUrl } from '../common/url';
import { enqueue, OutboxTopic } from '../outbox/outbox';
import { SnapshotDocument } from './snapshot.format';
import { validateSnapshot } from './snapshot.validator';
import { SnapshotWriter } from './snapshot.writer';

export interface SnapshotImportResult {
  /** Every issue in the file, with whether applying it changed anything. */
  issues: Array<{ id: string; slug: string; changed: boolean }>;
  contributorsChanged: number;
  /** The origin's change cursor the target is now consistent with (for a mirror to resume from). */
  changeCursor: string | null;
}

/**
 * Applies snapshot documents (see snapshot.format.ts) to a database. Plain class over a DataSource, so the CLI
 * and a mirror can use it without Nest. Writes no audit entry: the snapshot's origin already audited the edits.
 */
@Injectable()
export class SnapshotImporter {
  private readonly logger = new Logger(SnapshotImporter.name);

  constructor(private readonly dataSource: DataSource) {}

  /** Validates first and writes in one transaction: a bad file, or one that clashes with local rows, writes nothing. */
  async apply(input: unknown): Promise<SnapshotImportResult> {
    const doc = validateSnapshot(input);
    const result = await this.dataSource.transaction((m) => this.write(new SnapshotWriter(m), doc, (ids) => enqueue(m, OutboxTopic.SEARCH_SYNC_ISSUE, ids))).catch(explainConflict);
    const changed = result.issues.filter((i) => i.changed).length;
    this.logger.log(`applied snapshot: ${result.issues.length} issue(s), ${changed} changed, ${result.contributorsChanged} contributor(s) changed`);
    return result;
  }

  private async write(writer: SnapshotWriter, doc: SnapshotDocument, reindex: (ids: string[]) => Promise<void>): Promise<SnapshotImportResult> {
    const contributorsChanged = await writer.writeContributors(doc.contributors);
    const issues: SnapshotImportResult['issues'] = [];
    for (const issue of doc.issues) issues.push({ id: issue.id, slug: issue.slug, changed: (await writer.writeIssue(issue)) > 0 });
    // A renamed contributor changes the indexed bylines of every issue naming them, so all are resynced then.
    await reindex(issues.filter((i) => i.changed || contributorsChanged > 0).map((i) => i.id));
    return { issues, contributorsChanged, changeCursor: doc.changeCursor };
  }
}

/** Fetches a snapshot (e.g. an origin's /export/all.json) and applies it; what a mirror does to start or catch up. */
export async function applySnapshotFromUrl(dataSource: DataSource, url: string, timeoutMs = 60_000): Promise<SnapshotImportResult> {
  if (!isHttpUrl(url)) throw badInput('url', `${url} is not an http or https URL`);
  const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new DomainError(ErrorCode.BAD_USER_INPUT, `fetching ${url} answered HTTP ${res.status}`, { field: 'url', status: res.status });
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw badInput('url', `${url} did not answer with JSON`);
  }
  return new SnapshotImporter(dataSource).apply(body);
}

/** Unique-key clashes mean the target holds other rows with the same slug, number or name: say which. */
function explainConflict(error: unknown): never {
  const pg = (error as { driverError?: { code?: string; constraint?: string; detail?: string } }).driverError;
  if (pg?.code === '23505') {
    throw new DomainError(ErrorCode.CONFLICT, `the snapshot clashes with existing rows (${pg.constraint}): ${pg.detail}; nothing was imported`, { constraint: pg.constraint });
  }
  throw error;
}
