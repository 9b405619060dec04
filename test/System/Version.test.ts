import { describe, expect, it } from 'vitest';
import { SR } from '../../src/Resources/SR.js';
import { ArgumentOutOfRangeException } from '../../src/System/ArgumentOutOfRangeException.js';
import { Version } from '../../src/System/Version.js';

describe('Version', () => {
  it.each([
    [new Version(1, 1), '1.1', 1, 1, -1, -1],
    [new Version(2, 0, 3), '2.0.3', 2, 0, 3, -1],
    [new Version(1, 2, 3, 4), '1.2.3.4', 1, 2, 3, 4],
  ])('%s has its components', (v, text, major, minor, build, revision) => {
    expect(v.ToString()).toBe(text);
    expect([v.Major, v.Minor, v.Build, v.Revision]).toEqual([major, minor, build, revision]);
  });

  it('compares and equals by components', () => {
    expect(new Version(1, 1).Equals(new Version(1, 1))).toBe(true);
    expect(new Version(1, 1).Equals(new Version(1, 1, 0))).toBe(false);
    expect(new Version(2, 0).CompareTo(new Version(1, 1))).toBe(1);
    expect(new Version(1, 0).CompareTo(new Version(1, 1))).toBe(-1);
    expect(new Version(1, 0).CompareTo(null)).toBe(1);
  });

  it('throws ArgumentOutOfRangeException for a negative component', () => {
    expect(() => new Version(-1, 0)).toThrow(ArgumentOutOfRangeException);
    expect(() => new Version(1, -1)).toThrow(SR.ArgumentOutOfRange_Version);
  });
});
