/**
 * `[ApiController]` as a TypeScript decorator (standard, or `experimentalDecorators`).
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.apicontrollerattribute
 */
import { decorated, markApiController } from '../host/controllers.js';
import type { ControllerDecorator, ControllerType } from '../host/controllers.js';

/**
 * Marks a class as an API controller and registers it for `app.MapControllers()`. As in ASP.NET Core,
 * every action of an API controller must be attribute-routed (`@Route` on the class or the action, or a
 * template in `@HttpGet(…)`); MapControllers throws InvalidOperationException otherwise.
 *
 * Write it `@ApiController`, as in C#; `@ApiController()` works too. It works with TypeScript's standard
 * decorators and with `experimentalDecorators: true`.
 *
 * @remarks Differs from .NET: the automatic 400 for invalid models and the binding-source inference of
 * ASP.NET Core's API behaviour do not exist here (there is no model binding).
 */
export function ApiController<T extends ControllerType>(target: T, context: ClassDecoratorContext<T>): void;
export function ApiController<T extends ControllerType>(target: T): void;
export function ApiController(): ControllerDecorator;
export function ApiController(...args: unknown[]): ControllerDecorator | undefined {
  const target = decorated('ApiController', args);
  if (target === null) return (...decoratorArgs: unknown[]) => apply(decorated('ApiController', decoratorArgs));
  apply(target);
  return undefined;
}

function apply(target: ReturnType<typeof decorated>): void {
  if (target?.kind !== 'class') throw new TypeError('@ApiController applies to a controller class only.');
  markApiController(target.type);
}
