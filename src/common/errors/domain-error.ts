/** Codes that reach clients as `extensions.code`; anything else is masked as INTERNAL_SERVER_ERROR. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  /** The search engine did not answer in time; the rest of the API is unaffected. */
  SEARCH_UNAVAILABLE = 'SEARCH_UNAVAILABLE',
  /** Too many failed authentications from one address; `retryAfterSeconds` says when to try again. */
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
}

export interface ErrorDetails {
  /** The argument or input field at fault, e.g. `first` or `input.slug`. */
  field?: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (field: string, message: string, extra: Omit<ErrorDetails, 'field'> = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, ...extra });
