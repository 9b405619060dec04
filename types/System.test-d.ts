// The System namespace pinned to .NET's signatures: ArraySegment, Nullable, TimeSpan and the exceptions.
import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import {
  AggregateException,
  ArgumentException,
  ArgumentNullException,
  ArgumentOutOfRangeException,
  ArraySegment,
  CancellationToken,
  Exception,
  InvalidOperationException,
  Nullable,
  NotSupportedException,
  ObjectDisposedException,
  OperationCanceledException,
  OverflowException,
  PlatformNotSupportedException,
  SystemException,
  TaskCanceledException,
  TimeSpan,
  WebSocketCloseStatus,
  Win32Exception,
  type NullableWithValue,
  type NullableWithoutValue,
} from 'dotnet-ws';

// ---- ArraySegment<T> ------------------------------------------------------------------------------
// The seed: var buffer = new byte[1024 * 4]; new ArraySegment<byte>(buffer)
const buffer = new Uint8Array(1024 * 4);
// T is inferred from the array (Uint8Array<ArrayBuffer> for `new Uint8Array(n)`); the default is Uint8Array.
const segment = new ArraySegment(buffer);
expectType<ArraySegment<Uint8Array<ArrayBuffer>>>(segment);
expectAssignable<ArraySegment<Uint8Array>>(segment);
expectType<ArraySegment<Uint8Array>>(new ArraySegment<Uint8Array>(buffer));
expectType<ArraySegment<Uint8Array<ArrayBuffer>>>(new ArraySegment(buffer, 0, 10));
expectType<ArraySegment<Uint8Array>>(new ArraySegment());
expectType<ArraySegment<Int16Array<ArrayBuffer>>>(new ArraySegment(new Int16Array(4)));
expectType<Uint8Array<ArrayBuffer> | null>(segment.Array);
expectType<number>(segment.Offset);
expectType<number>(segment.Count);
expectType<number>(segment.get(0));
expectType<void>(segment.set(0, 255));
expectType<bigint>(new ArraySegment(new BigInt64Array(1)).get(0));
expectType<ArraySegment<Uint8Array<ArrayBuffer>>>(segment.Slice(1));
expectType<ArraySegment<Uint8Array<ArrayBuffer>>>(segment.Slice(1, 2));
expectType<Uint8Array<ArrayBuffer>>(segment.ToArray());
expectType<void>(segment.CopyTo(new Uint8Array(4096)));
expectType<void>(segment.CopyTo(new Uint8Array(4096), 0));
expectType<void>(segment.CopyTo(new ArraySegment(new Uint8Array(4096))));
expectType<void>(segment.CopyTo(new ArraySegment<Uint8Array>()));
expectType<void>(segment.CopyTo(Buffer.alloc(4096)));
expectType<boolean>(segment.Equals(segment));
expectType<number>(segment.GetHashCode());
expectType<ArraySegment<Uint8Array>>(ArraySegment.Empty);
expectAssignable<Iterable<number>>(segment);
expectError((segment.Count = 3));
expectError(new ArraySegment(buffer, 0));
expectError(new ArraySegment([1, 2, 3]));
expectError(segment.set(0, 1n));
expectError(segment.CopyTo(new Int16Array(4)));

// ---- Nullable<T> ----------------------------------------------------------------------------------
declare const status: Nullable<WebSocketCloseStatus>;
expectType<boolean>(status.HasValue);
expectType<WebSocketCloseStatus>(status.Value);
if (status.HasValue) {
  expectType<NullableWithValue<WebSocketCloseStatus>>(status);
  expectType<WebSocketCloseStatus>(status.Value);
} else {
  expectType<NullableWithoutValue<WebSocketCloseStatus>>(status);
  expectType<never>(status.Value);
}
// The seed: while (!receiveResult.CloseStatus.HasValue) { ... }
if (!status.HasValue) expectType<false>(status.HasValue);
expectType<WebSocketCloseStatus>(status.GetValueOrDefault());
expectType<WebSocketCloseStatus>(status.GetValueOrDefault(WebSocketCloseStatus.NormalClosure));
expectType<boolean>(status.Equals(WebSocketCloseStatus.NormalClosure));
expectType<string>(status.ToString());
expectType<WebSocketCloseStatus | null>(status.toJSON());
expectType<Nullable<never>>(Nullable.Null);
expectAssignable<Nullable<WebSocketCloseStatus>>(Nullable.Null);
expectAssignable<Nullable<TimeSpan>>(Nullable.Null);
expectType<Nullable<WebSocketCloseStatus>>(Nullable.Of<WebSocketCloseStatus>(WebSocketCloseStatus.NormalClosure));
expectType<Nullable<number>>(Nullable.Of(5 as number));
expectAssignable<Nullable<WebSocketCloseStatus>>(Nullable.Of(WebSocketCloseStatus.PolicyViolation));
expectError((status.HasValue = true));
expectError(Nullable.Of<WebSocketCloseStatus>('NormalClosure'));
expectNotAssignable<WebSocketCloseStatus>(status);
expectNotAssignable<Nullable<number>>(5);
// A Nullable is an object: comparing it with a number is always false in JavaScript, so it does not compile.
// @ts-expect-error TS2367: no overlap between Nullable<WebSocketCloseStatus> and the number 1000.
void (status === WebSocketCloseStatus.NormalClosure);
// @ts-expect-error TS2367: no overlap between Nullable<WebSocketCloseStatus> and number.
void (status == 1000);

// ---- TimeSpan -------------------------------------------------------------------------------------
expectType<TimeSpan>(new TimeSpan(10_000));
expectType<TimeSpan>(new TimeSpan(10_000n));
expectType<TimeSpan>(new TimeSpan(1, 2, 3));
expectType<TimeSpan>(new TimeSpan(1, 2, 3, 4));
expectType<TimeSpan>(new TimeSpan(1, 2, 3, 4, 5));
expectType<TimeSpan>(new TimeSpan(1, 2, 3, 4, 5, 6));
expectType<TimeSpan>(TimeSpan.FromMilliseconds(1));
expectType<TimeSpan>(TimeSpan.FromSeconds(1));
expectType<TimeSpan>(TimeSpan.FromMinutes(1));
expectType<TimeSpan>(TimeSpan.FromHours(1));
expectType<TimeSpan>(TimeSpan.FromDays(1));
expectType<TimeSpan>(TimeSpan.FromMicroseconds(1));
expectType<TimeSpan>(TimeSpan.FromTicks(1));
expectType<TimeSpan>(TimeSpan.Zero);
expectType<TimeSpan>(TimeSpan.MaxValue);
expectType<TimeSpan>(TimeSpan.MinValue);
expectType<TimeSpan>(TimeSpan.InfiniteTimeSpan);
expectType<number>(TimeSpan.TicksPerMillisecond);
expectType<number>(TimeSpan.Compare(TimeSpan.Zero, TimeSpan.Zero));
const span = TimeSpan.FromMinutes(2);
expectType<number>(span.Ticks);
expectType<bigint>(span.ticksBigInt);
expectType<number>(span.Days);
expectType<number>(span.Hours);
expectType<number>(span.Minutes);
expectType<number>(span.Seconds);
expectType<number>(span.Milliseconds);
expectType<number>(span.TotalMilliseconds);
expectType<number>(span.TotalSeconds);
expectType<number>(span.TotalMinutes);
expectType<number>(span.TotalHours);
expectType<number>(span.TotalDays);
expectType<TimeSpan>(span.Add(span));
expectType<TimeSpan>(span.Subtract(span));
expectType<TimeSpan>(span.Negate());
expectType<TimeSpan>(span.Duration());
expectType<TimeSpan>(span.Multiply(2));
expectType<TimeSpan>(span.Divide(2));
expectType<number>(span.Divide(span));
expectType<number>(span.CompareTo(span));
expectType<number>(span.CompareTo(null));
expectType<boolean>(span.Equals(span));
expectType<string>(span.ToString());
expectType<string>(span.toJSON());
expectType<boolean>(span < TimeSpan.MaxValue);
expectError(TimeSpan.FromSeconds('30'));
expectError(new TimeSpan(1, 2));
expectError((span.Ticks = 0));

// ---- Exceptions -----------------------------------------------------------------------------------
const inner = new Error('inner');
expectType<Exception>(new Exception());
expectType<Exception>(new Exception('m'));
expectType<Exception>(new Exception('m', inner));
expectType<string>(new Exception().Message);
expectType<Error | null>(new Exception().InnerException);
expectType<number>(new Exception().HResult);
expectType<string | null>(new Exception().StackTrace);
expectType<Error>(new Exception().GetBaseException());
expectAssignable<Error>(new Exception());
// @ts-expect-error TS2445: HResult's setter is protected, as in .NET.
new Exception().HResult = 1;

expectType<SystemException>(new SystemException('m', inner));
expectType<ArgumentException>(new ArgumentException());
expectType<ArgumentException>(new ArgumentException('m'));
expectType<ArgumentException>(new ArgumentException('m', inner));
expectType<ArgumentException>(new ArgumentException('m', 'param'));
expectType<ArgumentException>(new ArgumentException('m', 'param', inner));
expectType<string | null>(new ArgumentException().ParamName);
expectType<ArgumentNullException>(new ArgumentNullException());
expectType<ArgumentNullException>(new ArgumentNullException('param'));
expectType<ArgumentNullException>(new ArgumentNullException('param', 'm'));
expectType<ArgumentNullException>(new ArgumentNullException('m', inner));
declare const maybe: string | null;
ArgumentNullException.ThrowIfNull(maybe, 'maybe');
expectType<string>(maybe);
expectType<ArgumentOutOfRangeException>(new ArgumentOutOfRangeException());
expectType<ArgumentOutOfRangeException>(new ArgumentOutOfRangeException('param'));
expectType<ArgumentOutOfRangeException>(new ArgumentOutOfRangeException('param', 'm'));
expectType<ArgumentOutOfRangeException>(new ArgumentOutOfRangeException('m', inner));
expectType<ArgumentOutOfRangeException>(new ArgumentOutOfRangeException('param', 5, 'm'));
expectType<unknown>(new ArgumentOutOfRangeException('param', 5, 'm').ActualValue);
expectType<void>(ArgumentOutOfRangeException.ThrowIfNegative(1, 'count'));
expectType<void>(ArgumentOutOfRangeException.ThrowIfNegativeOrZero(1, 'count'));
expectType<void>(ArgumentOutOfRangeException.ThrowIfLessThan(1, 0, 'count'));
expectType<void>(ArgumentOutOfRangeException.ThrowIfGreaterThan(1, 2, 'count'));
expectType<InvalidOperationException>(new InvalidOperationException('m', inner));
expectType<ObjectDisposedException>(new ObjectDisposedException('System.Net.WebSockets.ClientWebSocket'));
expectType<ObjectDisposedException>(new ObjectDisposedException('name', 'm'));
expectType<ObjectDisposedException>(new ObjectDisposedException('m', inner));
expectType<string>(new ObjectDisposedException('x').ObjectName);
expectType<void>(ObjectDisposedException.ThrowIf(false, 'x'));
expectType<NotSupportedException>(new NotSupportedException('m'));
expectType<PlatformNotSupportedException>(new PlatformNotSupportedException());
expectType<OverflowException>(new OverflowException());
expectType<OperationCanceledException>(new OperationCanceledException());
expectType<OperationCanceledException>(new OperationCanceledException('m'));
expectType<OperationCanceledException>(new OperationCanceledException(CancellationToken.None));
expectType<OperationCanceledException>(new OperationCanceledException('m', CancellationToken.None));
expectType<OperationCanceledException>(new OperationCanceledException('m', inner));
expectType<OperationCanceledException>(new OperationCanceledException('m', inner, CancellationToken.None));
expectType<CancellationToken>(new OperationCanceledException().CancellationToken);
expectType<TaskCanceledException>(new TaskCanceledException());
expectType<TaskCanceledException>(new TaskCanceledException(undefined, undefined, CancellationToken.None));
expectAssignable<OperationCanceledException>(new TaskCanceledException());
expectType<AggregateException>(new AggregateException());
expectType<AggregateException>(new AggregateException('m'));
expectType<AggregateException>(new AggregateException([inner]));
expectType<AggregateException>(new AggregateException(inner, inner));
expectType<AggregateException>(new AggregateException('m', [inner]));
expectType<AggregateException>(new AggregateException('m', inner, inner));
expectType<readonly Error[]>(new AggregateException().InnerExceptions);
expectType<AggregateException>(new AggregateException().Flatten());
expectType<void>(new AggregateException().Handle((e) => e instanceof Exception));
expectType<Win32Exception>(new Win32Exception(5, 'm'));
expectType<number>(new Win32Exception(5).NativeErrorCode);
expectType<number>(new Win32Exception(5).ErrorCode);
expectError(new ArgumentException(5));
expectError(new OperationCanceledException(5));
expectError(new ObjectDisposedException());
