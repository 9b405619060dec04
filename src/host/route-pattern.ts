// Route templates as ASP.NET Core writes them ("/ws", "/rooms/{room}", "api/[controller]/{id:int?}",
// "/files/{**path}"), compiled once into a matcher. Literal text matches case-insensitively, a parameter
// takes one path segment (a catch-all the rest of the path), and a trailing slash in the request path is
// ignored, as with ASP.NET Core endpoint routing.
// @see https://learn.microsoft.com/aspnet/core/fundamentals/routing#route-templates
import { Exception } from '../System/Exception.js';
import { InvalidOperationException } from '../System/InvalidOperationException.js';
import { SR } from '../Resources/SR.js';

/** A parameter of a template: `{name}`, `{name?}`, `{name=default}`, `{name:constraint}`, `{*name}`. */
interface RouteParameter {
  name: string;
  optional: boolean;
  defaultValue: string | undefined;
  catchAll: boolean;
  constraints: Array<(value: string) => boolean>;
}

/** A compiled template. */
export interface RoutePattern {
  /** The template as given, for diagnostics. */
  readonly template: string;
  /** Parameter names in template order (action arguments are passed in this order). */
  readonly parameterNames: readonly string[];
  /**
   * Precedence key: one digit per segment, lower wins (literal 1, complex 2, constrained 3, plain 4,
   * catch-all 5), as ASP.NET Core's RoutePrecedence orders candidates.
   */
  readonly precedence: readonly number[];
  /** Route values for `path`, or null when it does not match. */
  match(path: string): Record<string, string> | null;
}

const constraintFactories: Record<string, (arg: string | undefined) => (value: string) => boolean> = {
  int: () => (v) => /^[+-]?\d+$/.test(v) && Math.abs(Number(v)) <= 2147483648 && Number(v) <= 2147483647,
  long: () => (v) => /^[+-]?\d+$/.test(v) && BigInt(v) >= -(2n ** 63n) && BigInt(v) < 2n ** 63n,
  bool: () => (v) => /^(true|false)$/i.test(v),
  guid: () => (v) => /^[{(]?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}[)}]?$/i.test(v),
  alpha: () => (v) => /^[a-z]*$/i.test(v),
  double: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  decimal: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  float: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  minlength: (a) => (v) => v.length >= Number(a),
  maxlength: (a) => (v) => v.length <= Number(a),
  length: (a) => {
    const [lo, hi] = (a ?? '').split(',').map(Number);
    return hi === undefined ? (v) => v.length === lo : (v) => v.length >= lo! && v.length <= hi;
  },
  min: (a) => (v) => /^[+-]?\d+$/.test(v) && Number(v) >= Number(a),
  max: (a) => (v) => /^[+-]?\d+$/.test(v) && Number(v) <= Number(a),
  range: (a) => {
    const [lo, hi] = (a ?? '').split(',').map(Number);
    return (v) => /^[+-]?\d+$/.test(v) && Number(v) >= lo! && Number(v) <= hi!;
  },
  regex: (a) => {
    const re = new RegExp(a ?? '', 'i');
    return (v) => re.test(v);
  },
  required: () => (v) => v !== '',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseParameter(body: string): RouteParameter {
  let catchAll = false;
  let text = body;
  if (text.startsWith('**')) {
    catchAll = true;
    text = text.slice(2);
  } else if (text.startsWith('*')) {
    catchAll = true;
    text = text.slice(1);
  }
  let defaultValue: string | undefined;
  const eq = text.indexOf('=');
  if (eq >= 0) {
    defaultValue = text.slice(eq + 1);
    text = text.slice(0, eq);
  }
  let optional = false;
  if (text.endsWith('?')) {
    optional = true;
    text = text.slice(0, -1);
  }
  const [name = '', ...constraintTexts] = splitConstraints(text);
  if (name === '' || /[{}/?*=]/.test(name)) {
    throw new Exception(SR.Format(SR.TemplateRoute_InvalidParameterName, name));
  }
  const constraints = constraintTexts.map((c) => {
    const open = c.indexOf('(');
    const key = (open >= 0 ? c.slice(0, open) : c).toLowerCase();
    const arg = open >= 0 && c.endsWith(')') ? c.slice(open + 1, -1) : undefined;
    const factory = constraintFactories[key];
    if (!factory)
      throw new InvalidOperationException(
        SR.Format(
          SR.DefaultInlineConstraintResolver_CouldNotFindConstraint,
          key,
          'Microsoft.AspNetCore.Routing.RouteOptions',
          'ConstraintMap',
        ),
      );
    return factory(arg);
  });
  return { name, optional: optional || defaultValue !== undefined, defaultValue, catchAll, constraints };
}

/** Splits `id:int:min(1)` at colons that are not inside a constraint's parentheses. */
function splitConstraints(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ':' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Splits one segment into literal text and parameters; `{{` and `}}` are literal braces. */
function parseSegment(segment: string): Array<string | RouteParameter> {
  const parts: Array<string | RouteParameter> = [];
  let literal = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '{' && segment[i + 1] === '{') {
      literal += '{';
      i++;
    } else if (c === '}' && segment[i + 1] === '}') {
      literal += '}';
      i++;
    } else if (c === '{') {
      const close = findParameterEnd(segment, i + 1);
      if (close < 0) throw new Exception(SR.TemplateRoute_MismatchedParameter);
      if (literal) parts.push(literal);
      literal = '';
      parts.push(parseParameter(segment.slice(i + 1, close)));
      i = close;
    } else if (c === '}') {
      throw new Exception(SR.TemplateRoute_MismatchedParameter);
    } else {
      literal += c;
    }
  }
  if (literal) parts.push(literal);
  return parts;
}

/** Index of the `}` closing a parameter that starts at `from` (constraint arguments may hold braces). */
function findParameterEnd(segment: string, from: number): number {
  let depth = 0;
  for (let i = from; i < segment.length; i++) {
    const c = segment[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '}' && depth === 0) return i;
  }
  return -1;
}

/**
 * Compiles `template` (with or without a leading "/" or "~/").
 *
 * @throws {Exception} The template has an unbalanced brace or an invalid parameter name (ASP.NET Core throws
 *   its RoutePatternException, which derives from Exception directly).
 * @throws {InvalidOperationException} A parameter names an unknown constraint.
 */
export function parseRoutePattern(template: string): RoutePattern {
  const trimmed = template.replace(/^~?\//, '').replace(/\/$/, '');
  const segments = trimmed === '' ? [] : trimmed.split('/');
  const parameters: RouteParameter[] = [];
  const precedence: number[] = [];
  let source = '^';
  for (const segment of segments) {
    const parts = parseSegment(segment);
    const params = parts.filter((p): p is RouteParameter => typeof p !== 'string');
    parameters.push(...params);
    const only = parts.length === 1 ? parts[0] : undefined;
    if (only !== undefined && typeof only !== 'string') {
      if (only.catchAll) {
        precedence.push(5);
        source += '(?:/(.*))?';
      } else {
        precedence.push(only.constraints.length > 0 ? 3 : 4);
        source += only.optional ? '(?:/([^/]+))?' : '/([^/]+)';
      }
      continue;
    }
    precedence.push(params.length === 0 ? 1 : 2);
    source += '/';
    for (const part of parts) {
      source += typeof part === 'string' ? escapeRegExp(part) : part.optional ? '([^/]*?)' : '([^/]+?)';
    }
  }
  source += '/?$';
  const regex = new RegExp(source, 'i');
  return {
    template,
    parameterNames: parameters.map((p) => p.name),
    precedence,
    match(path: string): Record<string, string> | null {
      const m = regex.exec(path === '' ? '/' : path);
      if (!m) return null;
      const values: Record<string, string> = {};
      for (let i = 0; i < parameters.length; i++) {
        const p = parameters[i]!;
        const raw = m[i + 1];
        if (raw === undefined || raw === '') {
          if (p.defaultValue !== undefined) values[p.name] = p.defaultValue;
          else if (!p.optional && !p.catchAll) return null;
          continue;
        }
        const value = p.catchAll ? raw.replace(/\/$/, '') : raw;
        if (!p.constraints.every((accept) => accept(value))) return null;
        values[p.name] = value;
      }
      return values;
    },
  };
}

/** Orders two patterns: negative when `a` should be tried before `b`. */
export function comparePrecedence(a: RoutePattern, b: RoutePattern): number {
  const n = Math.max(a.precedence.length, b.precedence.length);
  for (let i = 0; i < n; i++) {
    // A shorter template ends where the longer one still has a segment: that segment decides.
    const x = a.precedence[i] ?? 0;
    const y = b.precedence[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}
