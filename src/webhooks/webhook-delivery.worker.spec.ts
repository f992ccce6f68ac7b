import { retryDelaySeconds } from './webhook-delivery.worker';

describe('retryDelaySeconds', () => {
  it('doubles from 2 s after each failed attempt', () => {
    expect([1, 2, 3, 4, 7].map(retryDelaySeconds)).toEqual([2, 4, 8, 16, 128]);
  });

  it('never waits more than an hour', () => {
    expect(retryDelaySeconds(11)).toBe(2048);
    expect(retryDelaySeconds(12)).toBe(3600);
    expect(retryDelaySeconds(50)).toBe(3600);
  });
});
