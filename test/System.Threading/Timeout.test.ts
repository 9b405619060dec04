import { describe, expect, it } from 'vitest';
import { TimeSpan } from '../../src/System/TimeSpan.js';
import { Timeout } from '../../src/System.Threading/Timeout.js';

describe('Timeout', () => {
  it('has Infinite = -1', () => {
    expect(Timeout.Infinite).toBe(-1);
  });

  it('has InfiniteTimeSpan = -1 ms, printed as .NET prints it', () => {
    expect(Timeout.InfiniteTimeSpan.Equals(TimeSpan.FromMilliseconds(-1))).toBe(true);
    expect(Timeout.InfiniteTimeSpan.ToString()).toBe('-00:00:00.0010000');
  });
});
