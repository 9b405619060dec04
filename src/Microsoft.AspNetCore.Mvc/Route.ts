/**
 * `[Route(template)]` as a TypeScript decorator (standard, or `experimentalDecorators`): the route
 * template of a controller, or of one action.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.routeattribute
 */
import { addActionRoute, addControllerRoute, decorated } from '../host/controllers.js';
import type { ActionDecorator, ControllerDecorator } from '../host/controllers.js';

/**
 * What `Route(template)` returns: a decorator for a controller class or for an action method, under
 * standard decorators and under `experimentalDecorators`.
 */
export interface RouteDecorator extends ControllerDecorator, ActionDecorator {}

/**
 * Gives a controller (or one action) its route template. On a class, the template prefixes every action's
 * template; an action template starting with `/` or `~/` stands alone. On a method without an `@HttpGet`
 * (or other verb) decorator, the action answers every HTTP method on that template.
 *
 * Templates follow ASP.NET Core: literal segments match case-insensitively, `{name}` captures a segment
 * (`{name?}` optional, `{name=default}`, `{id:int}` constrained, `{**rest}` the rest of the path), and
 * `[controller]` / `[action]` stand for the class name without its `Controller` suffix and the method name.
 * A class decorated with `@Route` (or `@ApiController`) is registered for `app.MapControllers()`. It works
 * with TypeScript's standard decorators and with `experimentalDecorators: true`.
 *
 * @param template The route template, e.g. `"/ws"` or `"api/[controller]/{id:int}"`.
 * @example
 * ```ts
 * @Route('/ws')
 * @ApiController
 * class WebSocketController extends ControllerBase {
 *   @HttpGet()
 *   async Get(): Promise<void> { … }
 * }
 * ```
 */
export function Route(template: string): RouteDecorator {
  return ((...args: unknown[]) => {
    const target = decorated('Route', args);
    if (target?.kind === 'class') addControllerRoute(target.type, template);
    else if (target?.kind === 'method') addActionRoute(target.method, { methods: null, template });
    else throw new TypeError('@Route(template) applies to a controller class or an action method only.');
  }) as RouteDecorator;
}
