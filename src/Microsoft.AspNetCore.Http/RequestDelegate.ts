/**
 * Microsoft.AspNetCore.Http.RequestDelegate.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.requestdelegate
 */
import type { HttpContext } from './HttpContext.js';

/** A function that handles a request: an endpoint, or the rest of the pipeline passed to middleware. */
export type RequestDelegate = (context: HttpContext) => Promise<void>;
