import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/role';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';
import { lockIssue, publishProblems } from '../publishing/issue-checks';

/** Puts issues on and off the schedule; the Scheduler publishes them when they fall due. */
@Injectable()
export class SchedulingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Refuses now what publishing would refuse later, so a scheduled issue is one that can be published. */
  scheduleIssue(id: string, at: Date, by: Principal, expectedVersion?: number | null): Promise<string> {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw badInput('at', 'at must be a date and time');
    return this.dataSource.transaction(async (m) => {
      // The database clock decides, as it does when the scheduler looks for due issues.
      const [{ future }] = await m.query('SELECT $1::timestamptz > clock_timestamp() AS future', [at]);
      if (!future) throw badInput('at', `at must be in the future (got ${at.toISOString()})`);
      const issue = await lockIssue(m, id, expectedVersion);
      if (issue.status === 'PUBLISHED') {
        throw new DomainError(ErrorCode.CONFLICT, `issue ${issue.slug} is already published; unpublish it first to schedule it`, { field: 'id' });
      }
      const problems = await publishProblems(m, issue.id);
      if (problems.length > 0) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `issue ${issue.slug} cannot be scheduled: ${problems.join('; ')}`, { field: 'id', problems });
      }
      await m.query(`UPDATE issue SET status = 'SCHEDULED', scheduled_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [issue.id, at]);
      await this.audit.record(m, by, 'scheduleIssue', 'issue', issue.id, { slug: issue.slug, at: at.toISOString(), from: issue.status });
      return issue.id;
    });
  }

  /** Back to DRAFT; a draft is left as it is, and a published issue needs unpublishIssue instead. */
  unscheduleIssue(id: string, by: Principal, expectedVersion?: number | null): Promise<string> {
    return this.dataSource.transaction(async (m) => {
      const issue = await lockIssue(m, id, expectedVersion);
      if (issue.status === 'PUBLISHED') {
        throw new DomainError(ErrorCode.CONFLICT, `issue ${issue.slug} is already published; use unpublishIssue to take it down`, { field: 'id' });
      }
      if (issue.status === 'DRAFT') return issue.id;
      await m.query(`UPDATE issue SET status = 'DRAFT', scheduled_at = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [issue.id]);
      await this.audit.record(m, by, 'unscheduleIssue', 'issue', issue.id, { slug: issue.slug });
      return issue.id;
    });
  }
}
