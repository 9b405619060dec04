// The System namespace: one explicit export per public type.

// System layer (owner: System helper): exceptions, value types.
export { Exception } from './Exception.js';
export { SystemException } from './SystemException.js';
export { ArgumentException } from './ArgumentException.js';
export { ArgumentNullException } from './ArgumentNullException.js';
export { ArgumentOutOfRangeException } from './ArgumentOutOfRangeException.js';
export { ArithmeticException } from './ArithmeticException.js';
export { OverflowException } from './OverflowException.js';
export { InvalidOperationException } from './InvalidOperationException.js';
export { ObjectDisposedException } from './ObjectDisposedException.js';
export { NotSupportedException } from './NotSupportedException.js';
export { UnauthorizedAccessException } from './UnauthorizedAccessException.js';
export { PlatformNotSupportedException } from './PlatformNotSupportedException.js';
export { OperationCanceledException } from './OperationCanceledException.js';
export { TaskCanceledException } from './TaskCanceledException.js';
export { AggregateException } from './AggregateException.js';
export { ExternalException } from './ExternalException.js';
export { Win32Exception } from './Win32Exception.js';
export { Nullable } from './Nullable.js';
export type { NullableWithValue, NullableWithoutValue } from './Nullable.js';
export { TimeSpan } from './TimeSpan.js';
export { ArraySegment } from './ArraySegment.js';
export type { ArrayKind, TypedArray, ElementOf } from './ArraySegment.js';

// ClientWebSocket's supporting types (owner: ClientWebSocket helper).
export { FormatException } from './FormatException.js';
export { Uri } from './Uri.js';
export { UriFormatException } from './UriFormatException.js';
export { UriKind } from './UriKind.js';
export { Version } from './Version.js';
