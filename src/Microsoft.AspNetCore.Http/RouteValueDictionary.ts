/**
 * Microsoft.AspNetCore.Routing.RouteValueDictionary, as HttpRequest.RouteValues exposes it.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.routing.routevaluedictionary
 */

/**
 * Route values of the matched endpoint by name, case-insensitively: `RouteValues["room"]` for a template
 * `/ws/{room}`. Controller actions also get `controller` and `action`.
 *
 * @remarks Differs from .NET: values are the (decoded) strings from the path, not objects; the type is
 * exported from Microsoft.AspNetCore.Http because this package has no Routing namespace.
 */
export interface RouteValueDictionary {
  [name: string]: string | undefined;
}
