/**
 * Bookkeeping shared by the exception classes in src/System/: each class records its .NET type name
 * (for `name`, which V8 prints in stack traces) and its full name with namespace (for .NET's
 * "Exception of type '{0}' was thrown." default message), plus the HResult .NET gives that type.
 */
import { SR } from '../Resources/SR.js';

const kFullName = Symbol('dotnet-ws.exception.fullName');
const kHResult = Symbol('dotnet-ws.exception.hresult');

interface ExceptionPrototype {
  [kFullName]?: string;
  [kHResult]?: number;
}

/**
 * Stamps an exception class with its .NET identity. `name` goes on the prototype (not the instance), so
 * it is already right while `Error`'s constructor captures the stack header, and it stays out of
 * `util.inspect`'s list of own properties.
 */
export function defineExceptionType(ctor: abstract new (...args: never[]) => Error, fullName: string, hresult: number): void {
  Object.defineProperties(ctor.prototype, {
    name: { value: fullName.slice(fullName.lastIndexOf('.') + 1), writable: true, configurable: true, enumerable: false },
    [kFullName]: { value: fullName },
    [kHResult]: { value: hresult },
  });
}

/** A class, as `new.target` or `instance.constructor` gives it: its name and its prototype. */
export type ClassLike = { readonly name: string; readonly prototype: unknown };

/** The .NET full name of the class being constructed; a user's own subclass reports its JS class name. */
export function fullNameOf(target: ClassLike): string {
  const proto = target.prototype as ExceptionPrototype;
  return Object.hasOwn(proto, kFullName) ? proto[kFullName]! : target.name;
}

/** The HResult .NET assigns to instances of this class (inherited from the nearest .NET base). */
export function defaultHResultOf(instance: object): number {
  return (instance as ExceptionPrototype)[kHResult] ?? -2146233088;
}

/**
 * Resolves the message a .NET exception constructor would keep: an omitted message (`undefined`) takes the
 * type's own default, an explicit `null` falls through to Exception's "Exception of type 'X' was thrown.",
 * as passing `null` does in C#.
 */
export function resolveMessage(message: string | null | undefined, defaultMessage: string, target: ClassLike): string {
  if (message === undefined) return defaultMessage;
  if (message === null) return SR.Format(SR.Exception_WasThrown, fullNameOf(target));
  return message;
}

/** True for an object that can stand as an InnerException (any JS Error). */
export function isError(value: unknown): value is Error {
  return value instanceof Error;
}
