import { describe, expect, it } from 'vitest';
import { ControllerBase } from '../../src/Microsoft.AspNetCore.Mvc/ControllerBase.js';
import { HttpDelete } from '../../src/Microsoft.AspNetCore.Mvc/HttpDelete.js';
import { HttpGet } from '../../src/Microsoft.AspNetCore.Mvc/HttpGet.js';
import { HttpHead } from '../../src/Microsoft.AspNetCore.Mvc/HttpHead.js';
import { HttpOptions } from '../../src/Microsoft.AspNetCore.Mvc/HttpOptions.js';
import { HttpPatch } from '../../src/Microsoft.AspNetCore.Mvc/HttpPatch.js';
import { HttpPost } from '../../src/Microsoft.AspNetCore.Mvc/HttpPost.js';
import { HttpPut } from '../../src/Microsoft.AspNetCore.Mvc/HttpPut.js';
import { Route } from '../../src/Microsoft.AspNetCore.Mvc/Route.js';
import { httpRequest, startApp } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

@Route('/verbs')
class VerbsController extends ControllerBase {
  // Written without parentheses, as `[HttpGet]` in C#.
  @HttpGet
  Get(): string {
    return 'get';
  }

  @HttpPost()
  Post(): string {
    return 'post';
  }

  @HttpPut()
  Put(): string {
    return 'put';
  }

  @HttpDelete()
  Delete(): string {
    return 'delete';
  }

  @HttpPatch()
  Patch(): string {
    return 'patch';
  }

  @HttpOptions()
  Options(): string {
    return 'options';
  }

  @HttpHead()
  Head(): void {
    this.Response.Headers['X-Head'] = 'yes';
  }

  @HttpGet('both')
  @HttpPost('both')
  Both(): string {
    return `both ${this.Request.Method}`;
  }
}

@Route('/only-get')
class OnlyGetController extends ControllerBase {
  @HttpGet()
  Get(): string {
    return 'only';
  }
}

describe('@HttpGet and its siblings', () => {
  it.each([
    ['GET', 'get'],
    ['POST', 'post'],
    ['PUT', 'put'],
    ['DELETE', 'delete'],
    ['PATCH', 'patch'],
    ['OPTIONS', 'options'],
  ])('route %s to its action', async (method, body) => {
    const { http } = await startApp((app) => app.MapControllers(VerbsController));
    expect((await httpRequest(`${http}/verbs`, { method })).body).toBe(body);
  });

  it('route HEAD to @HttpHead', async () => {
    const { http } = await startApp((app) => app.MapControllers(VerbsController));
    const res = await httpRequest(`${http}/verbs`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['x-head']).toBe('yes');
  });

  it('can be combined on one action', async () => {
    const { http } = await startApp((app) => app.MapControllers(VerbsController));
    expect((await httpRequest(`${http}/verbs/both`)).body).toBe('both GET');
    expect((await httpRequest(`${http}/verbs/both`, { method: 'POST' })).body).toBe('both POST');
  });

  it('answer another method with 405 and the allowed ones', async () => {
    const { http } = await startApp((app) => app.MapControllers(OnlyGetController));
    const res = await httpRequest(`${http}/only-get`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET');
  });

  it('pass route parameters to the action in template order', async () => {
    @Route('/rooms/{room}')
    class RoomsController extends ControllerBase {
      @HttpGet('messages/{id}')
      Message(room: string, id: string): string {
        return `${room}/${id}`;
      }
    }
    const { http } = await startApp((app) => app.MapControllers(RoomsController));
    expect((await httpRequest(`${http}/rooms/lobby/messages/7`)).body).toBe('lobby/7');
  });

  it('write a returned object as JSON', async () => {
    @Route('/json')
    class JsonController extends ControllerBase {
      @HttpGet()
      async Get(): Promise<{ ok: boolean }> {
        return { ok: true };
      }
    }
    const { http } = await startApp((app) => app.MapControllers(JsonController));
    const res = await httpRequest(`${http}/json`);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ ok: true });
  });

  it('leave undecorated methods out', async () => {
    @Route('/partial')
    class PartialController extends ControllerBase {
      @HttpGet()
      Get(): string {
        return this.Helper();
      }

      Helper(): string {
        return 'helped';
      }
    }
    const { http } = await startApp((app) => app.MapControllers(PartialController));
    expect((await httpRequest(`${http}/partial`)).body).toBe('helped');
    expect((await httpRequest(`${http}/partial/Helper`)).status).toBe(404);
  });

  it('are inherited from a base controller', async () => {
    class BaseController extends ControllerBase {
      @HttpGet('ping')
      Ping(): string {
        return `pong from ${this.constructor.name}`;
      }
    }
    @Route('/derived')
    class DerivedController extends BaseController {}
    const { http } = await startApp((app) => app.MapControllers(DerivedController));
    expect((await httpRequest(`${http}/derived/ping`)).body).toBe('pong from DerivedController');
  });
});
