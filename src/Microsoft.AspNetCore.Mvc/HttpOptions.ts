/**
 * `[HttpOptions]` as a TypeScript decorator (standard, or `experimentalDecorators`).
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.httpoptionsattribute
 */
import { httpMethodAttribute } from '../host/controllers.js';
import type { ActionDecorator, ActionMethod } from '../host/controllers.js';

/**
 * Makes a controller method an action for HTTP OPTIONS requests. With a template, it is combined with the
 * controller's `@Route` (a template starting with `/` stands alone); without one, the action answers on
 * the controller's route. Route parameters (`{room}`) are passed to the method as arguments, in the order
 * they appear in the route, and are also in `this.Request.RouteValues`.
 *
 * Write it `@HttpOptions` as in C#, or `@HttpOptions()` / `@HttpOptions('{id}')`. It works with TypeScript's standard
 * decorators and with `experimentalDecorators: true`.
 *
 * @param template The action's route template.
 * @remarks Differs from .NET: there is no model binding; route values reach the action as string
 * arguments in template order, not by parameter name and type.
 * @example
 * ```ts
 * @HttpOptions('{room}')
 * async Join(room: string): Promise<void> { … }
 * ```
 */
export function HttpOptions(template?: string): ActionDecorator;
export function HttpOptions<This, M extends ActionMethod<This>>(target: M, context: ClassMethodDecoratorContext<This, M>): void;
export function HttpOptions(target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
export function HttpOptions(...args: unknown[]): ActionDecorator | undefined {
  return httpMethodAttribute('HttpOptions', ['OPTIONS'], args);
}
