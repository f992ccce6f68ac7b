import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hasRole, Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { checkPageSize, ConnectionShape, toConnection } from '../common/graphql/connection';
import { decodeCursor } from '../common/graphql/cursor';
import { checkUuid } from '../common/uuid';
import { parseIssueMarkdown } from '../content/authoring-format.parser';
import { IssueImporter } from '../content/issue-importer.service';
import { IssueEntity } from '../issues/issue.entity';
import { lockIssue } from '../publishing/issue-checks';
import { PublishingService } from '../publishing/publishing.service';
import { IssueContent, loadIssueContent, sameContent } from './issue-content';
import { serializeIssue } from './issue-markdown.serializer';
import { IssueRevisionModel, toIssueRevisionModel } from './issue-revision.model';

interface RevisionRow {
  id: string;
  issue_id: string;
  issue_version: number;
  markdown: string;
}

/** Every publish stores the whole issue as authoring-format Markdown; any of those can become the draft again. */
@Injectable()
export class RevisionsService {
  private readonly logger = new Logger(RevisionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly importer: IssueImporter,
    private readonly publishing: PublishingService,
    private readonly audit: AuditService,
  ) {}

  /** Stores the issue as it stands in the caller's transaction (the publish hook), so a rolled-back publish leaves none. */
  async snapshot(m: EntityManager, issueId: string, by: Principal): Promise<string> {
    const loaded = await loadIssueContent(m, issueId);
    if (!loaded) throw new DomainError(ErrorCode.NOT_FOUND, `no issue ${issueId}`, { field: 'id' });
    const markdown = serializeIssue(loaded.content);
    this.warnIfLossy(loaded.content, markdown);
    const [row] = await m.query('INSERT INTO issue_revision (issue_id, issue_version, markdown, created_by) VALUES ($1, $2, $3, $4) RETURNING id', [
      issueId,
      loaded.version,
      markdown,
      by.name,
    ]);
    return row.id;
  }

  /** Newest first: by the issue version each revision recorded, which only grows. */
  async list(issueId: string, first: number, after?: string | null): Promise<ConnectionShape<IssueRevisionModel>> {
    checkPageSize(first);
    const [issue] = await this.dataSource.query('SELECT id FROM issue WHERE id = $1', [checkUuid(issueId, 'issueId')]);
    if (!issue) throw new DomainError(ErrorCode.NOT_FOUND, `no issue ${issueId}`, { field: 'issueId' });
    const [version, id] = after ? decodeCursor(after, ['number', 'string']) : [null, null];
    if (id !== null) checkUuid(String(id), 'after');
    const rows: Array<Record<string, any>> = await this.dataSource.query(
      `SELECT id, issue_id, issue_version, markdown, created_by, created_at FROM issue_revision
       WHERE issue_id = $1 AND ($2::int IS NULL OR (issue_version, id) < ($2::int, $3::uuid))
       ORDER BY issue_version DESC, id DESC LIMIT $4`,
      [issueId, version, id, first + 1],
    );
    return toConnection(rows, first, after, (r) => [r.issue_version, r.id], toIssueRevisionModel);
  }

  /**
   * Imports the revision back through the importer and makes the issue a DRAFT, in the importer's one transaction:
   * a published issue never shows the restored content, and a refused restore changes nothing.
   */
  async restore(revisionId: string, by: Principal): Promise<string> {
    const [revision]: RevisionRow[] = await this.dataSource.query('SELECT id, issue_id, issue_version, markdown FROM issue_revision WHERE id = $1', [
      checkUuid(revisionId, 'revisionId'),
    ]);
    if (!revision) throw new DomainError(ErrorCode.NOT_FOUND, `no revision ${revisionId}`, { field: 'revisionId' });
    const [current] = await this.dataSource.query('SELECT slug FROM issue WHERE id = $1', [revision.issue_id]);
    if (!current) throw new DomainError(ErrorCode.NOT_FOUND, `no revision ${revisionId}`, { field: 'revisionId' });
    const { issue } = await this.importer.importMarkdown(withSlug(revision.markdown, current.slug), {
      replacePublished: true,
      onWritten: (m, written, created) => this.makeDraft(m, written, created, revision, by),
    });
    return issue.id;
  }

  private async makeDraft(m: EntityManager, written: IssueEntity, created: boolean, revision: RevisionRow, by: Principal): Promise<void> {
    if (created || written.id !== revision.issue_id) {
      throw new DomainError(ErrorCode.CONFLICT, `issue ${revision.issue_id} was renamed during the restore; try again`, { field: 'revisionId' });
    }
    // Read under the row lock: the status may have changed since the importer loaded the row.
    const issue = await lockIssue(m, written.id);
    if (issue.status !== 'DRAFT' && !hasRole(by.role, Role.PUBLISHER)) {
      throw new DomainError(ErrorCode.FORBIDDEN, `issue ${issue.slug} is ${issue.status}; restoring makes it a draft, which needs the PUBLISHER role`, { field: 'revisionId' });
    }
    const details = { revisionId: revision.id, issueVersion: revision.issue_version };
    if (issue.status !== 'DRAFT') await this.publishing.unpublishLocked(m, issue, by, 'restoreIssueRevision', details);
    else await this.audit.record(m, by, 'restoreIssueRevision', 'issue', issue.id, { slug: issue.slug, from: issue.status, ...details });
  }

  /** Publishing goes on regardless; a revision that does not read back the same can still be inspected by hand. */
  private warnIfLossy(content: IssueContent, markdown: string): void {
    const parsed = parseIssueMarkdown(markdown);
    if (parsed.ok && sameContent(parsed.issue, content)) return;
    const why = parsed.ok
      ? 'text edited outside the authoring format comes back slightly changed (a heading in it indented, an open code fence closed)'
      : parsed.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ');
    this.logger.warn(`the revision of issue ${content.slug} will not restore exactly: ${why.slice(0, 500)}`);
  }
}

/** The importer finds the issue by slug, and a renamed issue keeps its new one: only the content goes back. */
function withSlug(markdown: string, slug: string): string {
  const parsed = parseIssueMarkdown(markdown);
  if (!parsed.ok) throw badInput('revisionId', 'the revision does not parse in the authoring format any more', { errors: parsed.errors });
  return parsed.issue.slug === slug ? markdown : serializeIssue({ ...parsed.issue, slug });
}
