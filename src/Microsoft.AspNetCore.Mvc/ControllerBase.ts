/**
 * Microsoft.AspNetCore.Mvc.ControllerBase: the base class of controllers without views.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.mvc.controllerbase
 */
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { SR } from '../Resources/SR.js';
import type { HttpContext } from '../Microsoft.AspNetCore.Http/HttpContext.js';
import type { HttpRequest } from '../Microsoft.AspNetCore.Http/HttpRequest.js';
import type { HttpResponse } from '../Microsoft.AspNetCore.Http/HttpResponse.js';

/** Controller → the context of the request it serves; set by the host before the action runs. */
const contexts = new WeakMap<ControllerBase, HttpContext>();

/** @internal The host gives a freshly created controller its request. */
export function setControllerContext(controller: ControllerBase, context: HttpContext): void {
  contexts.set(controller, context);
}

/**
 * Base class for controllers. The host creates one instance per request (with no constructor
 * arguments) and sets {@link HttpContext} before calling the action.
 *
 * @remarks Differs from .NET: only methods carrying `@HttpGet`/`@HttpPost`/…/`@Route` are actions (in C#
 * every public method is one; TypeScript's `private` does not exist at run time), and there is no
 * constructor injection.
 *
 * @example
 * ```ts
 * @Route('/ws')
 * @ApiController
 * export class WebSocketController extends ControllerBase {
 *   @HttpGet()
 *   async Get(): Promise<void> {
 *     if (this.HttpContext.WebSockets.IsWebSocketRequest) {
 *       using webSocket = await this.HttpContext.WebSockets.AcceptWebSocketAsync();
 *       await WebSocketController.HandleWebSocketMessages(webSocket);
 *     } else {
 *       this.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
 *     }
 *   }
 * }
 * ```
 */
export abstract class ControllerBase {
  /**
   * The context of the request this controller instance serves.
   * @throws {InvalidOperationException} Read before the host set it (e.g. in the constructor).
   * @remarks Differs from .NET: throws where ASP.NET Core returns null.
   */
  get HttpContext(): HttpContext {
    const context = contexts.get(this);
    if (!context) throw new InvalidOperationException(SR.AspNetCore_ControllerContextNotSet);
    return context;
  }

  /** `HttpContext.Request`. */
  get Request(): HttpRequest {
    return this.HttpContext.Request;
  }

  /** `HttpContext.Response`. */
  get Response(): HttpResponse {
    return this.HttpContext.Response;
  }
}
