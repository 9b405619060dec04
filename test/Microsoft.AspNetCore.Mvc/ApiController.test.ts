import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { ApiController } from '../../src/Microsoft.AspNetCore.Mvc/ApiController.js';
import { ControllerBase } from '../../src/Microsoft.AspNetCore.Mvc/ControllerBase.js';
import { HttpGet } from '../../src/Microsoft.AspNetCore.Mvc/HttpGet.js';
import { Route } from '../../src/Microsoft.AspNetCore.Mvc/Route.js';
import { httpRequest, startApp } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

// Registered by their class decorators, picked up by MapControllers() without arguments.
@ApiController
class RegisteredByApiControllerController extends ControllerBase {
  @HttpGet('/registered/api')
  Get(): string {
    return 'api';
  }
}

@ApiController()
@Route('/registered/both')
class RegisteredWithParenthesesController extends ControllerBase {
  @HttpGet()
  Get(): string {
    return 'both';
  }
}

describe('@ApiController', () => {
  it('registers the class for MapControllers(), with or without parentheses', async () => {
    const { http } = await startApp((app) => app.MapControllers());
    expect((await httpRequest(`${http}/registered/api`)).body).toBe('api');
    expect((await httpRequest(`${http}/registered/both`)).body).toBe('both');
    expect(RegisteredByApiControllerController.name).toBeTruthy();
    expect(RegisteredWithParenthesesController.name).toBeTruthy();
  });

  it('requires every action to be attribute-routed', () => {
    @ApiController
    class UnroutedController extends ControllerBase {
      @HttpGet()
      Get(): string {
        return 'nowhere';
      }
    }
    const app = WebApplication.Create();
    let error: unknown;
    try {
      app.MapControllers(UnroutedController);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(
      dotnetMessage('ApiController_AttributeRouteRequired', 'UnroutedController.Get', 'ApiControllerAttribute'),
    );
  });

  it('lets an unrouted action of a plain controller simply not be mapped', async () => {
    class PlainController extends ControllerBase {
      @HttpGet()
      Get(): string {
        return 'unreachable';
      }
    }
    const { http } = await startApp((app) => app.MapControllers(PlainController));
    expect((await httpRequest(`${http}/`)).status).toBe(404);
  });
});
