/**
 * Microsoft.AspNetCore.Http.IHeaderDictionary: request or response headers.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.iheaderdictionary
 */

/**
 * HTTP headers by name, case-insensitively: `Headers["Origin"]`, `Headers.Origin` and `Headers.origin`
 * read the same header. A missing header reads as undefined. Assigning sets a header and
 * `delete Headers["X-Name"]` (or assigning undefined) removes it; `Object.keys(Headers)` lists the names.
 *
 * @remarks Differs from .NET: values are strings, not StringValues; a header sent several times reads as
 * its values joined with "," (what StringValues.ToString() gives). Response headers become read-only once
 * the response has started (InvalidOperationException "Headers are read-only, response has already
 * started."), as in Kestrel.
 */
export interface IHeaderDictionary {
  [name: string]: string | undefined;
}
