/**
 * `[ApiController]` as a standard decorator.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.apicontrollerattribute
 */
import { markApiController } from '../internal/host-controllers.js';
import type { ControllerType } from '../internal/host-controllers.js';

/**
 * Marks a class as an API controller and registers it for `app.MapControllers()`. As in ASP.NET Core,
 * every action of an API controller must be attribute-routed (`@Route` on the class or the action, or a
 * template in `@HttpGet(…)`); MapControllers throws InvalidOperationException otherwise.
 *
 * Write it `@ApiController`, as in C#; `@ApiController()` works too.
 *
 * @remarks Differs from .NET: the automatic 400 for invalid models and the binding-source inference of
 * ASP.NET Core's API behaviour do not exist here (there is no model binding).
 */
export function ApiController<T extends ControllerType>(target: T, context: ClassDecoratorContext<T>): void;
export function ApiController(): <T extends ControllerType>(target: T, context: ClassDecoratorContext<T>) => void;
export function ApiController<T extends ControllerType>(
  target?: T,
  context?: ClassDecoratorContext<T>,
): void | (<U extends ControllerType>(target: U, context: ClassDecoratorContext<U>) => void) {
  if (target === undefined || context === undefined) {
    return (t) => markApiController(t);
  }
  markApiController(target);
}
