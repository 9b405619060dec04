/**
 * System.Threading.Timeout: the "infinite" constants for timeouts.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.threading.timeout
 */
import { TimeSpan } from '../System/TimeSpan.js';

/** Constants that mean "no timeout" (a static class in .NET). */
export abstract class Timeout {
  /** -1: an infinite wait, for APIs that take milliseconds. */
  static readonly Infinite = -1;
  /** −1 millisecond: an infinite wait, for APIs that take a TimeSpan (e.g. `KeepAliveTimeout`). */
  static readonly InfiniteTimeSpan: TimeSpan = TimeSpan.InfiniteTimeSpan;

  private constructor() {}
}
