import { DomainError } from '../common/errors/domain-error';
import { validateSnapshot } from './snapshot.validator';

const ID = '6f1c1d2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f';

const minimal = () => ({ formatVersion: 1, exportedAt: '2026-01-01T00:00:00Z', changeCursor: null, contributors: [], issues: [] });

function problems(input: unknown): Array<{ path: string; message: string }> {
  try {
    validateSnapshot(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).details.errors as Array<{ path: string; message: string }>;
  }
  throw new Error('expected the snapshot to be rejected');
}

describe('validateSnapshot', () => {
  it('accepts an empty export and returns the same document', () => {
    const doc = minimal();
    expect(validateSnapshot(doc)).toBe(doc);
  });

  it('rejects a root that is not an object', () => {
    expect(problems([])).toEqual([{ path: '$', message: 'must be an object' }]);
  });

  it('reports the exact timestamp and cursor problems', () => {
    expect(problems({ ...minimal(), exportedAt: 'yesterday', changeCursor: 5 })).toEqual([
      { path: '$.exportedAt', message: 'must be an ISO 8601 timestamp' },
      { path: '$.changeCursor', message: 'must be a non-empty string or null' },
    ]);
  });

  it('rejects an editor id that names no contributor in the file', () => {
    const issue = { id: ID, slug: '2020-07', number: 2, title: 't', period: '2020-07', publisher: null, summary: null, publishedAt: '2020-08-10T00:00:00.000000Z' };
    const doc = { ...minimal(), issues: [{ ...issue, publishedOn: null, sourceUrl: null, previousSlug: null, editors: [ID], sections: [] }] };
    expect(problems(doc)).toEqual([{ path: '$.issues[0].editors[0]', message: `contributor ${ID} is not in $.contributors` }]);
  });
});
