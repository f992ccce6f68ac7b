import { GLOSSARY, synonymMap } from './glossary';

const CJK_ONLY = /^[\u3400-\u4dbf\u4e00-\u9fff]+$/u;

describe('GLOSSARY', () => {
  it('has groups of at least two terms', () => {
    expect(GLOSSARY.length).toBeGreaterThan(0);
    for (const group of GLOSSARY) expect({ group, size: group.length >= 2 }).toEqual({ group, size: true });
  });

  it('writes every non-Chinese term as lowercase ASCII without surrounding spaces', () => {
    for (const term of GLOSSARY.flat()) {
      if (CJK_ONLY.test(term)) continue;
      expect(term).toMatch(/^[a-z0-9]+(?:[ -][a-z0-9]+)*$/);
      expect(term).toBe(term.toLowerCase());
    }
  });

  it('has no duplicate term within a group', () => {
    for (const group of GLOSSARY) expect(new Set(group).size).toBe(group.length);
  });

  it('gives every group a Chinese term and an English one', () => {
    for (const group of GLOSSARY) {
      expect({ group, zh: group.some((t) => CJK_ONLY.test(t)) }).toEqual({ group, zh: true });
      expect({ group, en: group.some((t) => /^[a-z]/.test(t)) }).toEqual({ group, en: true });
    }
  });
});

describe('synonymMap', () => {
  it('maps every term of a group to all the others, not to itself', () => {
    expect(synonymMap([['内存', 'memory', 'mem']])).toEqual({
      内存: ['memory', 'mem'],
      memory: ['内存', 'mem'],
      mem: ['内存', 'memory'],
    });
  });

  it('is symmetric for the real glossary', () => {
    const map = synonymMap();
    for (const [term, others] of Object.entries(map)) {
      expect(others).not.toContain(term);
      for (const other of others) expect(map[other]).toContain(term);
    }
  });

  it('covers every glossary term, each with the rest of its group', () => {
    const map = synonymMap();
    for (const group of GLOSSARY) {
      for (const term of group) {
        expect(map[term]).toEqual(expect.arrayContaining(group.filter((t) => t !== term)));
      }
    }
    expect(Object.keys(map).sort()).toEqual([...new Set(GLOSSARY.flat())].sort());
  });

  it('defaults to GLOSSARY', () => {
    expect(synonymMap()).toEqual(synonymMap(GLOSSARY));
  });

  it('merges the groups that share a term instead of overwriting', () => {
    const map = synonymMap([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(map.b.sort()).toEqual(['a', 'c']);
    expect(map.a).toEqual(['b']);
    expect(map.c).toEqual(['b']);
  });

  it('lists each synonym once when groups overlap', () => {
    const map = synonymMap([
      ['a', 'b', 'c'],
      ['a', 'b', 'd'],
    ]);
    expect(map.a.sort()).toEqual(['b', 'c', 'd']);
    expect(map.b.sort()).toEqual(['a', 'c', 'd']);
    expect(new Set(map.a).size).toBe(map.a.length);
  });

  it('returns an empty map for no groups', () => {
    expect(synonymMap([])).toEqual({});
  });
});
