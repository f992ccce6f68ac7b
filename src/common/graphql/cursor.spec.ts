import { DomainError, ErrorCode } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './cursor';

const encodeRaw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

describe('cursor', () => {
  it('round-trips a key', () => {
    const cursor = encodeCursor(['2020-07', 3]);
    expect(decodeCursor(cursor, ['string', 'number'])).toEqual(['2020-07', 3]);
  });

  it('round-trips CJK strings and is URL-safe', () => {
    const cursor = encodeCursor(['陈玮/?+', 0]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, ['string', 'number'])).toEqual(['陈玮/?+', 0]);
  });

  it('encodes different keys differently', () => {
    expect(encodeCursor(['a', 1])).not.toBe(encodeCursor(['a', 2]));
  });

  it.each([
    ['garbage', '!!!'],
    ['empty', ''],
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['tampered', encodeCursor(['2020-07', 3]).slice(0, -3) + 'AAA'],
    ['JSON null', encodeRaw(null)],
    ['a bare array', encodeRaw(['2020-07', 3])],
    ['another version', encodeRaw({ v: 2, k: ['2020-07', 3] })],
    ['no key', encodeRaw({ v: 1 })],
    ['too few parts', encodeCursor(['2020-07'])],
    ['too many parts', encodeCursor(['2020-07', 3, 4])],
    ['wrong part types', encodeCursor([3, '2020-07'])],
    ['a fractional number', encodeCursor(['2020-07', 1.5])],
    ['an unsafe integer', encodeRaw({ v: 1, k: ['2020-07', 2 ** 60] })],
  ])('rejects a %s cursor as BAD_USER_INPUT on `after`', (_name, cursor) => {
    const error = thrown(() => decodeCursor(cursor, ['string', 'number']));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.details.field).toBe('after');
    expect(error.message).toMatch(/^after is not a valid cursor/);
  });

  it('names the given field', () => {
    const error = thrown(() => decodeCursor('!!!', ['string'], 'before'));
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'before' } });
  });
});
