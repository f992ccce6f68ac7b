import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { badInput, DomainError, ErrorCode } from '../common/errors/domain-error';

/** Constraint name → the input field its violation is about. */
export type ConstraintFields = Record<string, string>;

const DEADLOCK = '40P01';
const SERIALIZATION = '40001';
const UNIQUE = '23505';
const ATTEMPTS = 5;

/** Thrown inside an edit whose preparation was overtaken by a concurrent commit: the whole edit runs again. */
export class RetryEdit extends Error {}

/**
 * One edit, in one transaction. Pre-checks explain most mistakes; this catches what only the database can see:
 * a unique value taken by a concurrent commit becomes BAD_USER_INPUT on its field.
 */
export function runEdit<T>(dataSource: DataSource, work: (m: EntityManager) => Promise<T>, fields: ConstraintFields = {}): Promise<T> {
  return retrying(() => dataSource.transaction(work), fields);
}

/**
 * Runs a whole transaction again when it lost a deadlock to a writer that locks in another order (an import,
 * deleteArticle): the loser's work was rolled back whole, so running it again is safe.
 */
export async function retrying<T>(transaction: () => Promise<T>, fields: ConstraintFields = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      const retry = error instanceof RetryEdit || pgCode(error) === DEADLOCK || pgCode(error) === SERIALIZATION;
      if (!retry || attempt >= ATTEMPTS) throw toDomainError(error, fields);
      // A random pause, so the two sides of a deadlock do not meet again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40 * attempt));
    }
  }
}

export function toDomainError(error: unknown, fields: ConstraintFields): unknown {
  if (error instanceof RetryEdit) return new DomainError(ErrorCode.CONFLICT, 'concurrent changes kept overtaking this edit; retry');
  if (!(error instanceof QueryFailedError)) return error;
  const code = pgCode(error);
  const constraint = (error.driverError as { constraint?: string } | undefined)?.constraint;
  if (code === UNIQUE && constraint && fields[constraint]) {
    return badInput(fields[constraint], `${fields[constraint]} is already used (by a change saved meanwhile)`);
  }
  if (code === UNIQUE || code === DEADLOCK || code === SERIALIZATION) {
    return new DomainError(ErrorCode.CONFLICT, 'a concurrent change touched the same rows; reload and retry', { constraint: constraint ?? null });
  }
  return error;
}

function pgCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string } | undefined)?.code : undefined;
}
