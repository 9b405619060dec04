/**
 * Microsoft.AspNetCore.Http.IQueryCollection: the parsed query string.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.iquerycollection
 */

/**
 * Query parameters by name, case-insensitively (`Query["room"]`); a missing one reads as undefined.
 * Read-only.
 *
 * @remarks Differs from .NET: values are strings, not StringValues; a repeated parameter reads as its
 * values joined with ",".
 */
export interface IQueryCollection {
  readonly [name: string]: string | undefined;
}
