import { describe, expect, it } from 'vitest';
import { dotnetMessage } from '../helpers/dotnet-messages.js';
import { Exception } from '../../src/System/Exception.js';
import { InvalidOperationException } from '../../src/System/InvalidOperationException.js';
import { WebApplication } from '../../src/Microsoft.AspNetCore.Builder/WebApplication.js';
import { ControllerBase } from '../../src/Microsoft.AspNetCore.Mvc/ControllerBase.js';
import { HttpGet } from '../../src/Microsoft.AspNetCore.Mvc/HttpGet.js';
import { HttpPost } from '../../src/Microsoft.AspNetCore.Mvc/HttpPost.js';
import { Route } from '../../src/Microsoft.AspNetCore.Mvc/Route.js';
import { httpRequest, startApp } from '../Microsoft.AspNetCore.Builder/WebApplication.helpers.js';

@Route('api/[controller]')
class ItemsController extends ControllerBase {
  @HttpGet()
  List(): string {
    return 'list';
  }

  @HttpGet('{id:int}')
  ById(id: string): string {
    return `int ${id}`;
  }

  @HttpGet('{name}')
  ByName(name: string): string {
    return `name ${name}`;
  }

  @HttpGet('special')
  Special(): string {
    return 'literal wins';
  }

  @HttpGet('/absolute/[action]')
  Absolute(): string {
    return 'absolute';
  }

  @HttpGet('files/{**path}')
  Files(path: string | undefined): string {
    return `path ${path ?? '(none)'}`;
  }

  @HttpGet('opt/{value?}')
  Optional(value: string | undefined): string {
    return `optional ${value ?? '(none)'}`;
  }

  @HttpGet('def/{value=fallback}')
  Default(value: string): string {
    return `default ${value}`;
  }

  @HttpGet('{a}/{b}')
  Two(a: string, b: string): string {
    return `${a}+${b}`;
  }
}

@Route('/first')
@Route('/second')
class TwoRoutesController extends ControllerBase {
  @HttpGet()
  Get(): string {
    return this.Request.Path;
  }
}

class MethodRouteController extends ControllerBase {
  @Route('/any-method')
  Any(): string {
    return this.Request.Method;
  }

  @HttpPost()
  @Route('/post-only')
  PostOnly(): string {
    return 'posted';
  }
}

describe('@Route', () => {
  it.each([
    ['/api/Items', 'list'],
    ['/api/items', 'list'],
    ['/API/ITEMS/', 'list'],
    ['/api/Items/42', 'int 42'],
    ['/api/Items/abc', 'name abc'],
    ['/api/Items/special', 'literal wins'],
    ['/absolute/Absolute', 'absolute'],
    ['/api/Items/files/a/b/c.txt', 'path a/b/c.txt'],
    ['/api/Items/files', 'path (none)'],
    ['/api/Items/opt/x', 'optional x'],
    ['/api/Items/opt', 'optional (none)'],
    ['/api/Items/def', 'default fallback'],
    ['/api/Items/def/given', 'default given'],
    ['/api/Items/one/two', 'one+two'],
  ])('routes %s', async (path, body) => {
    const { http } = await startApp((app) => app.MapControllers(ItemsController));
    const res = await httpRequest(`${http}${path}`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(body);
  });

  it('answers 404 for a path outside the templates', async () => {
    const { http } = await startApp((app) => app.MapControllers(ItemsController));
    expect((await httpRequest(`${http}/api/Items/a/b/c`)).status).toBe(404);
  });

  it('can be applied several times to a class', async () => {
    const { http } = await startApp((app) => app.MapControllers(TwoRoutesController));
    expect((await httpRequest(`${http}/first`)).body).toBe('/first');
    expect((await httpRequest(`${http}/second`)).body).toBe('/second');
  });

  it('on an action without a verb attribute, answers every method', async () => {
    const { http } = await startApp((app) => app.MapControllers(MethodRouteController));
    expect((await httpRequest(`${http}/any-method`, { method: 'PUT' })).body).toBe('PUT');
    expect((await httpRequest(`${http}/any-method`, { method: 'GET' })).body).toBe('GET');
  });

  it('on an action with a verb attribute, answers that verb', async () => {
    const { http } = await startApp((app) => app.MapControllers(MethodRouteController));
    expect((await httpRequest(`${http}/post-only`, { method: 'POST' })).body).toBe('posted');
    expect((await httpRequest(`${http}/post-only`)).status).toBe(405);
  });

  it('sets the controller and action route values', async () => {
    @Route('/values')
    class ValuesController extends ControllerBase {
      @HttpGet()
      Show(): string {
        return `${this.Request.RouteValues['controller']}.${this.Request.RouteValues['action']}`;
      }
    }
    const { http } = await startApp((app) => app.MapControllers(ValuesController));
    expect((await httpRequest(`${http}/values`)).body).toBe('Values.Show');
  });
});

describe('route templates', () => {
  it.each<[string, RegExp | string]>([
    ['/broken/{id', dotnetMessage('TemplateRoute_MismatchedParameter')],
    ['/broken/id}', dotnetMessage('TemplateRoute_MismatchedParameter')],
    ['/empty/{}', dotnetMessage('TemplateRoute_InvalidParameterName', '')],
  ])("%s is refused with ASP.NET Core's message", (template, message) => {
    const app = WebApplication.Create();
    let error: unknown;
    try {
      app.MapGet(template, () => 'x');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(Exception);
    expect((error as Error).message).toBe(message);
  });

  it('refuses an unknown constraint with InvalidOperationException', () => {
    const app = WebApplication.Create();
    let error: unknown;
    try {
      app.MapGet('/x/{id:nosuch}', () => 'x');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidOperationException);
    expect((error as Error).message).toBe(
      dotnetMessage(
        'DefaultInlineConstraintResolver_CouldNotFindConstraint',
        'nosuch',
        'Microsoft.AspNetCore.Routing.RouteOptions',
        'ConstraintMap',
      ),
    );
  });

  it.each<[string, string, number]>([
    ['/n/{id:int}', '/n/12', 200],
    ['/n/{id:int}', '/n/x', 404],
    ['/n/{id:int}', '/n/99999999999', 404],
    ['/g/{id:guid}', '/g/7c9e6679-7425-40de-944b-e07fc1f90ae7', 200],
    ['/g/{id:guid}', '/g/nope', 404],
    ['/b/{flag:bool}', '/b/True', 200],
    ['/b/{flag:bool}', '/b/yes', 404],
    ['/a/{word:alpha}', '/a/abc', 200],
    ['/a/{word:alpha}', '/a/ab1', 404],
    ['/r/{n:range(1,5)}', '/r/5', 200],
    ['/r/{n:range(1,5)}', '/r/6', 404],
    ['/l/{s:minlength(3)}', '/l/ab', 404],
    ['/l/{s:maxlength(3)}', '/l/abc', 200],
    ['/x/{s:regex(^a\\d+$)}', '/x/a12', 200],
    ['/x/{s:regex(^a\\d+$)}', '/x/b12', 404],
  ])('%s matches %s with %i', async (template, path, status) => {
    const { http } = await startApp((app) => app.MapGet(template, () => 'ok'));
    expect((await httpRequest(`${http}${path}`)).status).toBe(status);
  });
});
