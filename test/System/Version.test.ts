import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
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
    // .NET 10: ArgumentOutOfRangeException.ThrowIfNegative, naming the component.
    expect(() => new Version(-1, 0)).toThrow(
      `${dotnetMessage('ArgumentOutOfRange_Generic_MustBeNonNegative', 'major', -1)} (Parameter 'major')\n${dotnetMessage('ArgumentOutOfRange_ActualValue', -1)}`,
    );
    expect(() => new Version(1, -1)).toThrow(
      `${dotnetMessage('ArgumentOutOfRange_Generic_MustBeNonNegative', 'minor', -1)} (Parameter 'minor')\n${dotnetMessage('ArgumentOutOfRange_ActualValue', -1)}`,
    );
  });
});
