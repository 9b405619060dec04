/**
 * `[HttpPatch]` as a TypeScript decorator (standard, or `experimentalDecorators`).
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.httppatchattribute
 */
import { httpMethodAttribute } from '../host/controllers.js';
import type { ActionDecorator, ActionMethod } from '../host/controllers.js';

/**
 * Makes a controller method an action for HTTP PATCH requests. With a template, it is combined with the
 * controller's `@Route` (a template starting with `/` stands alone); without one, the action answers on
 * the controller's route. Route parameters (`{room}`) are passed to the method as arguments, in the order
 * they appear in the route, and are also in `this.Request.RouteValues`.
 *
 * Write it `@HttpPatch` as in C#, or `@HttpPatch()` / `@HttpPatch('{id}')`. It works with TypeScript's standard
 * decorators and with `experimentalDecorators: true`.
 *
 * @param template The action's route template.
 * @remarks Differs from .NET: there is no model binding; route values reach the action as string
 * arguments in template order, not by parameter name and type.
 * @example
 * ```ts
 * @HttpPatch('{room}')
 * async Join(room: string): Promise<void> { … }
 * ```
 */
export function HttpPatch(template?: string): ActionDecorator;
export function HttpPatch<This, M extends ActionMethod<This>>(target: M, context: ClassMethodDecoratorContext<This, M>): void;
export function HttpPatch(target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
export function HttpPatch(...args: unknown[]): ActionDecorator | undefined {
  return httpMethodAttribute('HttpPatch', ['PATCH'], args);
}
