import { groupByKey, oneByKey } from './group';

interface Item {
  owner: string;
  id: number;
}

const items: Item[] = [
  { owner: 'b', id: 1 },
  { owner: 'a', id: 2 },
  { owner: 'b', id: 3 },
  { owner: 'zzz', id: 4 },
];
const ownerOf = (i: Item) => i.owner;

describe('groupByKey', () => {
  it('returns one list per key, in key order, keeping item order', () => {
    expect(groupByKey(['a', 'b', 'c'], items, ownerOf)).toEqual([[{ owner: 'a', id: 2 }], [{ owner: 'b', id: 1 }, { owner: 'b', id: 3 }], []]);
  });

  it('ignores items whose key was not asked for', () => {
    expect(groupByKey(['a'], items, ownerOf).flat().map((i) => i.id)).toEqual([2]);
  });

  it('handles no keys and no items', () => {
    expect(groupByKey([], items, ownerOf)).toEqual([]);
    expect(groupByKey(['a', 'b'], [], ownerOf)).toEqual([[], []]);
  });
});

describe('oneByKey', () => {
  it('returns the item or null per key, in key order', () => {
    expect(oneByKey(['zzz', 'missing', 'a'], items, ownerOf)).toEqual([{ owner: 'zzz', id: 4 }, null, { owner: 'a', id: 2 }]);
  });

  it('repeats the item for a repeated key', () => {
    expect(oneByKey(['a', 'a'], items, ownerOf).map((i) => i?.id)).toEqual([2, 2]);
  });

  it('returns all nulls when nothing was found', () => {
    expect(oneByKey(['x', 'y'], [], ownerOf)).toEqual([null, null]);
  });
});
