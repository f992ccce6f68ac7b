import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Role } from '../auth/role';
import type { Principal } from '../auth/role';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import type { LockedIssue } from '../publishing/issue-checks';
import { PublishingService } from '../publishing/publishing.service';

const BATCH = 20;

/** Who publishes a due issue: audit entries and revisions name it. */
export const SCHEDULER_PRINCIPAL: Principal = { id: null, name: 'scheduler', role: Role.PUBLISHER };

/**
 * Publishes scheduled issues once they are due. Every instance runs it: due rows are claimed with
 * FOR UPDATE SKIP LOCKED and leave SCHEDULED in the same transaction, so each is published exactly once,
 * and since the schedule lives in Postgres it survives restarts.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Scheduler.name);
  private running = false;
  private loop?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publishing: PublishingService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Before the database closes (that happens at application shutdown): the current run finishes first. */
  async onModuleDestroy(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }

  /** Publishes every issue due now and returns how many this call published; safe to call alongside other instances. */
  async runDue(): Promise<number> {
    // Issues that failed unexpectedly in this call wait for the next poll instead of being retried in a loop now.
    const skipped: string[] = [];
    let published = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((m) => this.publishBatch(m, skipped));
      published += batch.published;
      if (batch.claimed < BATCH) return published;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      await this.runDue().catch((error: Error) => this.logger.warn(`scheduler run failed, will retry: ${error.message}`));
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.config.schedulerPollMs);
      });
    }
  }

  private async publishBatch(m: EntityManager, skipped: string[]): Promise<{ claimed: number; published: number }> {
    const due: LockedIssue[] = await m.query(
      `SELECT id, slug, number, title, status, version FROM issue
       WHERE status = 'SCHEDULED' AND scheduled_at <= now() AND NOT (id = ANY($1::uuid[]))
       ORDER BY scheduled_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [skipped, BATCH],
    );
    let published = 0;
    for (const issue of due) {
      if (await this.publishOne(m, issue, skipped)) published++;
    }
    return { claimed: due.length, published };
  }

  /** A savepoint per issue: one that fails is rolled back alone and does not hold up the others. */
  private async publishOne(m: EntityManager, issue: LockedIssue, skipped: string[]): Promise<boolean> {
    await m.query('SAVEPOINT scheduled_publish');
    try {
      await this.publishing.publishLocked(m, issue, SCHEDULER_PRINCIPAL, 'scheduledPublish');
      await m.query('RELEASE SAVEPOINT scheduled_publish');
      this.logger.log(`published scheduled issue ${issue.slug}`);
      return true;
    } catch (error) {
      await m.query('ROLLBACK TO SAVEPOINT scheduled_publish');
      await this.failed(m, issue, error as Error, skipped);
      return false;
    }
  }

  private async failed(m: EntityManager, issue: LockedIssue, error: Error, skipped: string[]): Promise<void> {
    if (!(error instanceof DomainError && error.code === ErrorCode.BAD_USER_INPUT)) {
      skipped.push(issue.id);
      this.logger.error(`publishing scheduled issue ${issue.slug} failed, will retry at the next poll: ${error.message}`);
      return;
    }
    // An incomplete issue will not fix itself: make it a draft again, so its status tells the truth, and say why.
    await m.query(`UPDATE issue SET status = 'DRAFT', scheduled_at = NULL, version = version + 1, updated_at = now() WHERE id = $1`, [issue.id]);
    await this.audit.record(m, SCHEDULER_PRINCIPAL, 'scheduledPublishFailed', 'issue', issue.id, { slug: issue.slug, problems: error.details.problems ?? [error.message] });
    this.logger.warn(`scheduled issue ${issue.slug} was not published and is a draft again: ${error.message}`);
  }
}
