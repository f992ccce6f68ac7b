import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Principal } from '../auth/role';
import { checkPageSize, ConnectionShape, toConnection } from '../common/graphql/connection';
import { decodeCursor } from '../common/graphql/cursor';
import { AuditEntryModel } from './audit-entry.model';

export interface AuditFilter {
  objectType?: string | null;
  objectId?: string | null;
}

/** Who did what to which object, written in the same transaction as the change itself. */
@Injectable()
export class AuditService {
  async record(m: EntityManager, by: Principal, action: string, objectType: string, objectId: string | null, details: object = {}): Promise<void> {
    await m.query('INSERT INTO audit_log (token_id, token_name, action, object_type, object_id, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      by.id,
      by.name,
      action,
      objectType,
      objectId,
      JSON.stringify(details),
    ]);
  }

  /** Newest first. */
  async list(m: EntityManager, first: number, after: string | null | undefined, filter: AuditFilter): Promise<ConnectionShape<AuditEntryModel>> {
    checkPageSize(first);
    const before = after ? (decodeCursor(after, ['number'])[0] as number) : null;
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT id::int, token_id, token_name, action, object_type, object_id, details, created_at FROM audit_log
       WHERE ($1::bigint IS NULL OR id < $1) AND ($2::text IS NULL OR object_type = $2) AND ($3::text IS NULL OR object_id = $3)
       ORDER BY id DESC LIMIT $4`,
      [before, filter.objectType ?? null, filter.objectId ?? null, first + 1],
    );
    return toConnection(rows, first, after, (r) => [r.id as number], (r) =>
      Object.assign(new AuditEntryModel(), {
        id: String(r.id),
        tokenId: r.token_id,
        tokenName: r.token_name,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        details: JSON.stringify(r.details),
        at: r.created_at,
      }),
    );
  }
}
