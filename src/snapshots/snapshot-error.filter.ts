import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '../common/errors/domain-error';

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.BAD_USER_INPUT]: HttpStatus.BAD_REQUEST,
};

/** Answers domain errors of the export routes in the API's error shape; anything else stays a masked 500. */
@Catch(DomainError)
export class SnapshotErrorFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const status = STATUS[error.code];
    const res = host.switchToHttp().getResponse<Response>();
    if (status === undefined) {
      res.status(HttpStatus.INTERNAL_SERVER_ERROR).type('application/json; charset=utf-8').json({ errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      return;
    }
    res.status(status).type('application/json; charset=utf-8').json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
  }
}
