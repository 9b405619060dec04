/**
 * Mirrors .NET's `System.UriKind`: whether a {@link Uri} string is absolute, relative, or either.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.urikind
 */
export enum UriKind {
  /** The kind is determined by the string. */
  RelativeOrAbsolute = 0,
  /** The URI must be absolute. */
  Absolute = 1,
  /** The URI must be relative. */
  Relative = 2,
}
