/**
 * `[Route(template)]` as a standard decorator: the route template of a controller, or of one action.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.routeattribute
 */
import { addActionRoute, addControllerRoute } from '../internal/host-controllers.js';
import type { ControllerType } from '../internal/host-controllers.js';

/** What `Route(template)` returns: a decorator for a controller class or for an action method. */
export interface RouteDecorator {
  <T extends ControllerType>(target: T, context: ClassDecoratorContext<T>): void;
  <This, M extends (this: This, ...args: any) => any>(target: M, context: ClassMethodDecoratorContext<This, M>): void;
}

/**
 * Gives a controller (or one action) its route template. On a class, the template prefixes every action's
 * template; an action template starting with `/` or `~/` stands alone. On a method without an `@HttpGet`
 * (or other verb) decorator, the action answers every HTTP method on that template.
 *
 * Templates follow ASP.NET Core: literal segments match case-insensitively, `{name}` captures a segment
 * (`{name?}` optional, `{name=default}`, `{id:int}` constrained, `{**rest}` the rest of the path), and
 * `[controller]` / `[action]` stand for the class name without its `Controller` suffix and the method name.
 * A class decorated with `@Route` (or `@ApiController`) is registered for `app.MapControllers()`.
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
  return ((target: Function, context: ClassDecoratorContext | ClassMethodDecoratorContext) => {
    if (context.kind === 'class') addControllerRoute(target as ControllerType, template);
    else addActionRoute(target, { methods: null, template });
  }) as RouteDecorator;
}
