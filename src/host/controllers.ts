// The controller registry behind @Route, @ApiController and @HttpGet/@HttpPost/…: the decorators record
// what they see here, and MapControllers turns it into endpoints.
//
// The decorators work in both of TypeScript's decorator modes, told apart at run time by how they are
// called (see `decorated`): standard (TC39) decorators get (value, context); `experimentalDecorators`
// (NestJS-style projects) get (constructor) on a class and (prototype, name, descriptor) on a method.
//
// Node 20 has no Symbol.metadata, so a method decorator cannot hand its data to the class decorator
// through `context.metadata` (and legacy decorators have no context at all). Method decorators therefore
// file their data under the method function itself (a WeakMap); class decorators file the class;
// MapControllers walks each class's prototype chain and picks up the methods it finds in the WeakMap.
//
// A class with routed actions but no class decorator (`[HttpGet("/ws")]` alone, which ASP.NET Core
// routes) is seen by no decorator: a standard method decorator is never given its class. What a method
// decorator can know is the module it runs in (the first stack frame outside this package). ASP.NET Core
// finds controllers among the public types of the application's assembly; the counterpart here is the
// exports of the modules that hold routed actions, read once the application starts.
import { pathToFileURL } from 'node:url';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { SR } from '../Resources/SR.js';
import { ControllerBase } from '../Microsoft.AspNetCore.Mvc/ControllerBase.js';

/** A class that can be registered as a controller: any class, usually one extending ControllerBase. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ControllerType = abstract new (...args: any[]) => unknown;

/**
 * An action method as TypeScript's ClassMethodDecoratorContext constrains it (with the same `any`s, so
 * that every method signature fits).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionMethod<This = unknown> = (this: This, ...args: any) => any;

/**
 * A decorator for a controller class, as `ApiController()` returns: applicable under standard
 * decorators and under `experimentalDecorators`.
 */
export interface ControllerDecorator {
  /** Standard (TC39) decorators. */
  <T extends ControllerType>(target: T, context: ClassDecoratorContext<T>): void;
  /** `experimentalDecorators: true`. */
  <T extends ControllerType>(target: T): void;
}

/**
 * A decorator for an action method, as `HttpGet(template?)` and its siblings return: applicable under
 * standard decorators and under `experimentalDecorators`.
 */
export interface ActionDecorator {
  /** Standard (TC39) decorators. */
  <This, M extends ActionMethod<This>>(target: M, context: ClassMethodDecoratorContext<This, M>): void;
  /** `experimentalDecorators: true`. */
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
}

/** What a decorator was applied to, whichever decorator mode called it. */
export type Decorated = { kind: 'class'; type: ControllerType } | { kind: 'method'; method: ActionMethod };

/**
 * What a decorator's arguments say it decorates, in either decorator mode: standard decorators pass
 * (value, context) with `context.kind`; `experimentalDecorators` passes (constructor) for a class and
 * (prototype, name, descriptor) for a method. Null when `args` are not a decorator's (a factory call
 * such as `HttpGet('{id}')`).
 *
 * @throws {TypeError} The decorator was applied to something other than a class or a method (a field,
 * an accessor, a parameter), which the TypeScript signatures already refuse.
 */
export function decorated(name: string, args: readonly unknown[]): Decorated | null {
  const [value, second, descriptor] = args;
  let decorated: Decorated | undefined;
  if (args.length === 2 && typeof second === 'object' && second !== null && 'kind' in second) {
    const kind = (second as DecoratorContext).kind;
    if (kind === 'class') decorated = { kind, type: value as ControllerType };
    else if (kind === 'method' && typeof value === 'function') decorated = { kind, method: value as ActionMethod };
  } else if (args.length === 1 && typeof value === 'function') {
    decorated = { kind: 'class', type: value as ControllerType };
  } else if (args.length >= 2 && (typeof second === 'string' || typeof second === 'symbol')) {
    const method = (descriptor as PropertyDescriptor | undefined)?.value as unknown;
    if (typeof method === 'function') decorated = { kind: 'method', method: method as ActionMethod };
  } else {
    return null;
  }
  if (decorated === undefined) throw new TypeError(`@${name} applies to a controller class or an action method only.`);
  return decorated;
}

/** One routing attribute on an action: `@HttpGet("x")` → methods ["GET"], template "x". */
export interface ActionRouteInfo {
  /** HTTP methods, or null for any method (`@Route` on a method). */
  methods: readonly string[] | null;
  /** The template, or undefined when the attribute has none (`@HttpGet()`). */
  template: string | undefined;
}

/** What the class decorators recorded about a controller. */
export interface ControllerInfo {
  /** `@Route` templates on the class, in source order. */
  routes: string[];
  /** `@ApiController` was applied. */
  apiController: boolean;
}

/** Decorated controller classes, in the order they were defined. */
const controllers = new Map<ControllerType, ControllerInfo>();
/** Routing attributes by method function. */
const actions = new WeakMap<ActionMethod, ActionRouteInfo[]>();

function infoFor(type: ControllerType): ControllerInfo {
  let info = controllers.get(type);
  if (!info) {
    info = { routes: [], apiController: false };
    controllers.set(type, info);
  }
  return info;
}

/** Records `@Route(template)` on a class. */
export function addControllerRoute(type: ControllerType, template: string): void {
  // Decorators run bottom-up; unshift keeps the source order of several @Route attributes.
  infoFor(type).routes.unshift(template);
}

/** Records `@ApiController` on a class. */
export function markApiController(type: ControllerType): void {
  infoFor(type).apiController = true;
}

/** Action methods by the URL of the module that defined them, until discoverControllers has looked. */
const pendingModules = new Map<string, Set<ActionMethod>>();
/** This package's root (dist/ or src/): frames inside it are not the user's module. */
const ownRoot = new URL('..', import.meta.url).href;

/** The URL of the module whose class definition is running the decorator, or undefined. */
function definingModule(): string | undefined {
  // A property of Error, saved to be put back as it was; never called here.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const prepare = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 32;
    Error.prepareStackTrace = (_error, sites) => sites;
    const sites = new Error().stack as unknown as NodeJS.CallSite[];
    for (const site of sites) {
      const file = site.getFileName();
      if (!file || file.startsWith('node:')) continue;
      const url = /^[a-z][a-z0-9+.-]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file) ? file : pathToFileURL(file).href;
      if (url.startsWith(ownRoot)) continue;
      return url;
    }
    return undefined;
  } finally {
    Error.prepareStackTrace = prepare;
    Error.stackTraceLimit = limit;
  }
}

/** Records a routing attribute on an action method. */
export function addActionRoute(method: ActionMethod, route: ActionRouteInfo): void {
  let list = actions.get(method);
  if (!list) {
    list = [];
    actions.set(method, list);
    const module = definingModule();
    if (module !== undefined) {
      let methods = pendingModules.get(module);
      if (!methods) pendingModules.set(module, (methods = new Set()));
      methods.add(method);
    }
  }
  list.unshift(route);
}

/** A class, as found among a module's exports. */
type AnyClass = abstract new (...args: never[]) => unknown;

/** The routed action methods of `type`'s prototype chain. */
function actionMethods(type: AnyClass): ActionMethod[] {
  const found: ActionMethod[] = [];
  for (
    let proto = type.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof value === 'function' && actions.has(value as ActionMethod)) found.push(value as ActionMethod);
    }
  }
  return found;
}

/** ASP.NET Core's controller convention: named *Controller, or derived from ControllerBase. */
function isControllerByConvention(type: AnyClass): boolean {
  return type.name.endsWith('Controller') || type.prototype instanceof ControllerBase;
}

/**
 * Finds the controllers that carry no class decorator: in every module that defined routed actions, the
 * exported classes that ASP.NET Core would take for controllers (named *Controller, or derived from
 * ControllerBase) and that hold such actions. Each module is read once.
 * @returns the controllers found, and a description of every routed action no controller holds.
 */
export async function discoverControllers(): Promise<{ found: ControllerType[]; unreachable: string[] }> {
  const found: ControllerType[] = [];
  const unreachable: string[] = [];
  const modules = [...pendingModules];
  pendingModules.clear();
  for (const [url, methods] of modules) {
    for (const type of controllers.keys()) for (const method of actionMethods(type)) methods.delete(method);
    if (methods.size === 0) continue;
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(url)) as Record<string, unknown>;
    } catch {
      namespace = {};
    }
    const exported = new Set<unknown>(Object.values(namespace));
    // A CommonJS module's classes are the properties of its module.exports (the default export).
    const cjs = namespace['default'];
    if (typeof cjs === 'object' && cjs !== null) for (const value of Object.values(cjs)) exported.add(value);
    for (const value of exported) {
      if (typeof value !== 'function' || !isControllerByConvention(value as AnyClass) || controllers.has(value as ControllerType)) continue;
      const held = actionMethods(value as AnyClass).filter((m) => methods.has(m));
      if (held.length === 0) continue;
      found.push(value as ControllerType);
      infoFor(value as ControllerType);
      for (const method of held) methods.delete(method);
    }
    for (const method of methods) unreachable.push(SR.Format(SR.AspNetCore_UnreachableAction, method.name, url));
  }
  return { found, unreachable };
}

/** Every controller class a class decorator has seen. */
export function registeredControllers(): ControllerType[] {
  return [...controllers.keys()];
}

/** One routable action: a combined template, the methods it answers, and how to run it. */
export interface ActionDescriptor {
  controllerType: ControllerType;
  controllerName: string;
  actionName: string;
  template: string;
  methods: readonly string[] | null;
}

/** Replaces ASP.NET Core's `[controller]` and `[action]` tokens; `[[`/`]]` are literal brackets. */
function replaceTokens(template: string, controllerName: string, actionName: string): string {
  return template.replace(/\[\[|\]\]|\[(\w+)\]/g, (match, token: string | undefined) => {
    if (token === undefined) return match[0]!;
    switch (token.toLowerCase()) {
      case 'controller':
        return controllerName;
      case 'action':
        return actionName;
      case 'area':
        return '';
      default:
        return match;
    }
  });
}

/** ASP.NET Core's attribute-route combination: an action template starting with "/" or "~/" stands alone. */
function combine(classTemplate: string | undefined, actionTemplate: string | undefined): string | undefined {
  if (actionTemplate !== undefined && /^~?\//.test(actionTemplate)) return actionTemplate.replace(/^~/, '');
  if (classTemplate === undefined) return actionTemplate;
  if (actionTemplate === undefined || actionTemplate === '') return classTemplate;
  return `${classTemplate.replace(/\/$/, '')}/${actionTemplate}`;
}

/**
 * The (methods, template) pairs of one action. `@Route("x")` on an action beside `@HttpGet()` without a
 * template means GET on "x"; without any verb attribute it means every method on "x".
 */
function actionEntries(routes: readonly ActionRouteInfo[]): ActionRouteInfo[] {
  const routeAttributes = routes.filter((r) => r.methods === null);
  const verbAttributes = routes.filter((r) => r.methods !== null);
  if (routeAttributes.length === 0) return [...verbAttributes];
  const bareVerbs = verbAttributes.filter((r) => r.template === undefined).flatMap((r) => r.methods ?? []);
  return [
    ...routeAttributes.map((r) => ({ methods: bareVerbs.length > 0 ? bareVerbs : null, template: r.template })),
    ...verbAttributes.filter((r) => r.template !== undefined),
  ];
}

/**
 * The actions of `type`: every method on its prototype chain that carries a routing attribute, each
 * combined with every `@Route` of the class.
 *
 * @throws {InvalidOperationException} An action of an `@ApiController` ends up without any route.
 */
export function describeActions(type: ControllerType): ActionDescriptor[] {
  const info = controllers.get(type) ?? { routes: [], apiController: false };
  const controllerName = type.name.replace(/Controller$/, '');
  const seen = new Set<string>();
  const result: ActionDescriptor[] = [];
  for (
    let proto = type.prototype as object | null;
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || seen.has(name)) continue;
      seen.add(name);
      const value = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
      if (typeof value !== 'function') continue;
      const routes = actions.get(value as ActionMethod);
      if (!routes) continue;
      for (const entry of actionEntries(routes)) {
        const classTemplates: Array<string | undefined> = info.routes.length > 0 ? info.routes : [undefined];
        const isAbsolute = entry.template !== undefined && /^~?\//.test(entry.template);
        for (const classTemplate of isAbsolute ? [undefined] : classTemplates) {
          const combined = combine(classTemplate, entry.template);
          if (combined === undefined) {
            if (info.apiController) {
              throw new InvalidOperationException(
                SR.Format(SR.ApiController_AttributeRouteRequired, `${type.name}.${name}`, 'ApiControllerAttribute'),
              );
            }
            continue;
          }
          result.push({
            controllerType: type,
            controllerName,
            actionName: name,
            template: replaceTokens(combined, controllerName, name),
            methods: entry.methods,
          });
        }
      }
    }
  }
  return result;
}

/**
 * The body of `HttpGet`, `HttpPost`, …: called either as a decorator factory (`@HttpGet()`,
 * `@HttpGet("{id}")`) or, written without parentheses as in C# (`@HttpGet`), as the decorator itself,
 * in either decorator mode.
 */
export function httpMethodAttribute(name: string, methods: readonly string[], args: readonly unknown[]): ActionDecorator | undefined {
  const target = decorated(name, args);
  if (target !== null) {
    addActionRoute(methodOf(name, target), { methods, template: undefined });
    return undefined;
  }
  const [first] = args;
  if (first !== undefined && first !== null && typeof first !== 'string')
    throw new TypeError(`@${name}(template): the template is a string.`);
  const template = first ?? undefined;
  return ((...decoratorArgs: unknown[]) => {
    addActionRoute(methodOf(name, decorated(name, decoratorArgs)), { methods, template });
  }) as ActionDecorator;
}

/** The method an action decorator was applied to. */
function methodOf(name: string, target: Decorated | null): ActionMethod {
  if (target?.kind !== 'method') throw new TypeError(`@${name} applies to an action method only.`);
  return target.method;
}
