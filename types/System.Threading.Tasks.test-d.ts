// The System.Threading.Tasks namespace pinned to .NET's signatures (a Task<T> is a Promise<T>).
import { expectAssignable, expectError, expectType } from 'tsd';
import { CancellationToken, TimeSpan } from 'dotnet-ws';
import { Task, TaskCanceledException, TaskCompletionSource, TaskCreationOptions } from 'dotnet-ws/System.Threading.Tasks';

expectType<Promise<void>>(Task.CompletedTask);
expectType<Promise<number>>(Task.FromResult(1));
expectType<Promise<void>>(Task.FromException(new Error('x')));
expectType<Promise<void>>(Task.Delay(1000));
expectType<Promise<void>>(Task.Delay(1000, CancellationToken.None));
expectType<Promise<void>>(Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None));
expectError(Task.Delay('1000'));
expectType<Promise<number>>(Task.Run(() => 1));
expectType<Promise<string>>(Task.Run(async () => 'x', CancellationToken.None));
expectType<Promise<[number, string]>>(Task.WhenAll(Task.FromResult(1), Task.FromResult('a')));
expectType<Promise<number[]>>(Task.WhenAll([Task.FromResult(1), Task.FromResult(2)]));
expectType<Promise<number>>(Task.WhenAny(Task.Delay(1), Task.FromResult('a')));
expectType<Promise<number>>(Task.WhenAny([Task.Delay(1)]));
expectType<Promise<void>>(Task.Yield());
// @ts-expect-error .NET has no parameterless Task constructor (CS1729), and here no instances at all; tsd's
// expectError cannot see TS2673.
new Task();

const tcs = new TaskCompletionSource<boolean>(TaskCreationOptions.RunContinuationsAsynchronously);
expectType<Promise<boolean>>(tcs.Task);
expectType<void>(tcs.SetResult(true));
expectType<boolean>(tcs.TrySetResult(false));
expectType<void>(tcs.SetException(new Error('x')));
expectType<boolean>(tcs.TrySetCanceled(CancellationToken.None));
expectError(tcs.SetResult('yes'));
const plain = new TaskCompletionSource();
expectType<Promise<void>>(plain.Task);
expectType<void>(plain.SetResult());
expectType<void>(plain.SetCanceled());
expectAssignable<TaskCreationOptions>(TaskCreationOptions.RunContinuationsAsynchronously);
expectType<TaskCanceledException>(new TaskCanceledException());
