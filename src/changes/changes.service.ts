import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { checkPageSize, ConnectionShape, toConnection } from '../common/graphql/connection';
import { decodeCursor, encodeCursor } from '../common/graphql/cursor';
import { CHANGES_LOCK_KEY, recordPublicChangesLocked } from './change-recorder';
import { ChangeModel, ChangeRow, toChangeModel } from './change.model';

/** The public change stream: ordered by id, which the recorder hands out in commit order. */
@Injectable()
export class ChangesService implements OnModuleInit {
  private readonly logger = new Logger(ChangesService.name);

  constructor(private readonly dataSource: DataSource) {}

  async list(first: number, after?: string | null): Promise<ConnectionShape<ChangeModel>> {
    checkPageSize(first);
    const [since] = after ? decodeCursor(after, ['number']) : [0];
    const rows: ChangeRow[] = await this.dataSource.query(
      'SELECT id, kind, entity_type, entity_id, issue_id, changed_at FROM change WHERE id > $1 ORDER BY id LIMIT $2',
      [since, first + 1],
    );
    return toConnection(rows, first, after, (r) => [Number(r.id)], toChangeModel);
  }

  /** Where a mirror that copied everything public right now should start reading. */
  async latestCursor(): Promise<string | null> {
    const [row] = await this.dataSource.query('SELECT max(id) AS id FROM change');
    return row.id === null ? null : encodeCursor([Number(row.id)]);
  }

  onModuleInit(): Promise<number> {
    return this.backfill();
  }

  /**
   * A database filled before the stream existed has published issues the stream never mentioned: record them
   * once, as UPSERTs. Keyed on each issue rather than on an empty public_entity, because a live write (or the
   * search replay at startup) may already have recorded some issues before this runs. Normally finds nothing.
   * Under the recorder's lock, so it never interleaves with a live transaction's changes.
   */
  async backfill(): Promise<number> {
    const written = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK_KEY]);
      const missing: Array<{ id: string }> = await m.query(
        `SELECT i.id FROM issue i WHERE i.status = 'PUBLISHED'
            AND NOT EXISTS (SELECT 1 FROM public_entity pe WHERE pe.entity_type = 'issue' AND pe.entity_id = i.id) ORDER BY i.number`,
      );
      return missing.length === 0 ? 0 : recordPublicChangesLocked(m, missing.map((r) => r.id));
    });
    if (written > 0) this.logger.log(`change stream: recorded ${written} changes for content published before it existed`);
    return written;
  }
}
