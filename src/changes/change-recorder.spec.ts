import { sortChanges } from './change-recorder';
import { EntityType } from './public-entities';

const change = (kind: 'UPSERT' | 'DELETE', type: EntityType, id: string) => ({ kind, entity: { entity_type: type, entity_id: id, issue_id: null, content_hash: '' } });

describe('sortChanges', () => {
  it('puts tombstones first, children before parents, then upserts parents before children', () => {
    const sorted = sortChanges([
      change('UPSERT', 'reference', 'r'),
      change('DELETE', 'issue', 'i'),
      change('UPSERT', 'article', 'a'),
      change('DELETE', 'reference', 'r0'),
      change('UPSERT', 'issue', 'i2'),
      change('UPSERT', 'contributor', 'c'),
      change('DELETE', 'contributor', 'c0'),
      change('UPSERT', 'section', 's'),
    ]);
    expect(sorted.map((c) => `${c.kind} ${c.entity.entity_type}`)).toEqual([
      'DELETE reference',
      'DELETE issue',
      'DELETE contributor',
      'UPSERT issue',
      'UPSERT section',
      'UPSERT contributor',
      'UPSERT article',
      'UPSERT reference',
    ]);
  });

  it('orders by id within one kind and type, so the same diff always gives the same stream', () => {
    const sorted = sortChanges([change('UPSERT', 'article', 'b'), change('UPSERT', 'article', 'a')]);
    expect(sorted.map((c) => c.entity.entity_id)).toEqual(['a', 'b']);
  });
});
