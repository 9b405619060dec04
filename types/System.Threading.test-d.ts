// The System.Threading namespace pinned to .NET's signatures, plus the AbortSignal bridge.
import { expectAssignable, expectError, expectType } from 'tsd';
import { CancellationToken, CancellationTokenRegistration, CancellationTokenSource, TimeSpan, Timeout } from 'dotnet-ws';

// ---- CancellationToken ----------------------------------------------------------------------------
const token: CancellationToken = CancellationToken.None;
expectType<CancellationToken>(new CancellationToken(true));
expectType<boolean>(token.IsCancellationRequested);
expectType<boolean>(token.CanBeCanceled);
expectType<CancellationTokenRegistration>(token.Register(() => {}));
expectType<CancellationTokenRegistration>(token.Register(() => {}, false));
expectType<CancellationTokenRegistration>(
  token.Register(
    (state, t) => {
      expectType<{ id: number }>(state);
      expectType<CancellationToken>(t);
    },
    { id: 1 },
  ),
);
expectType<CancellationTokenRegistration>(token.UnsafeRegister((state: string) => void state, 'x'));
expectType<void>(token.ThrowIfCancellationRequested());
expectType<boolean>(token.Equals(token));
expectType<AbortSignal>(token.signal);
expectType<CancellationToken>(CancellationToken.fromSignal(AbortSignal.timeout(1000)));
expectError(new CancellationToken());
expectError(token.Register('callback'));
expectError((token.IsCancellationRequested = true));
expectError(CancellationToken.fromSignal(token));

// ---- CancellationTokenRegistration ----------------------------------------------------------------
const registration = token.Register(() => {});
expectType<CancellationTokenRegistration>(new CancellationTokenRegistration());
expectType<CancellationToken>(registration.Token);
expectType<void>(registration.Dispose());
expectType<boolean>(registration.Unregister());
expectType<Promise<void>>(registration.DisposeAsync());
expectType<boolean>(registration.Equals(registration));
expectAssignable<Disposable>(registration);
expectAssignable<AsyncDisposable>(registration);

// ---- CancellationTokenSource ----------------------------------------------------------------------
const cts = new CancellationTokenSource();
expectType<CancellationTokenSource>(new CancellationTokenSource(1000));
expectType<CancellationTokenSource>(new CancellationTokenSource(TimeSpan.FromSeconds(1)));
expectType<CancellationToken>(cts.Token);
expectType<boolean>(cts.IsCancellationRequested);
expectType<void>(cts.Cancel());
expectType<void>(cts.Cancel(true));
expectType<Promise<void>>(cts.CancelAsync());
expectType<void>(cts.CancelAfter(1000));
expectType<void>(cts.CancelAfter(TimeSpan.FromSeconds(1)));
expectType<boolean>(cts.TryReset());
expectType<void>(cts.Dispose());
expectAssignable<Disposable>(cts);
expectType<CancellationTokenSource>(CancellationTokenSource.CreateLinkedTokenSource(token));
expectType<CancellationTokenSource>(CancellationTokenSource.CreateLinkedTokenSource(token, token));
expectType<CancellationTokenSource>(CancellationTokenSource.CreateLinkedTokenSource([token, token, token]));
expectType<CancellationTokenSource>(CancellationTokenSource.CreateLinkedTokenSource(token, token, token));
expectError(new CancellationTokenSource('1000'));
expectError(cts.CancelAfter('1s'));
expectError(CancellationTokenSource.CreateLinkedTokenSource(cts));
expectError((cts.Token = token));

// ---- Timeout --------------------------------------------------------------------------------------
expectType<-1>(Timeout.Infinite);
expectType<TimeSpan>(Timeout.InfiniteTimeSpan);
// @ts-expect-error TS2673: Timeout is a static class.
new Timeout();
