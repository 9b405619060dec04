/**
 * System.IO.SeekOrigin: the reference point of {@link Stream.Seek}.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.io.seekorigin
 */

/** Where a seek offset counts from, with .NET's values. */
export enum SeekOrigin {
  /** The beginning of the stream. */
  Begin = 0,
  /** The current position. */
  Current = 1,
  /** The end of the stream. */
  End = 2,
}
