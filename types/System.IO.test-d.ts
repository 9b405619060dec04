// The System.IO namespace pinned to .NET's signatures (byte[] is a Uint8Array, Task<int> a Promise<number>).
import { expectAssignable, expectError, expectType } from 'tsd';
import { ArraySegment, CancellationToken, Encoding } from 'dotnet-ws';
import { IOException, MemoryStream, SeekOrigin, Stream, StreamReader, StreamWriter } from 'dotnet-ws/System.IO';

const segment = new ArraySegment(new Uint8Array(16));
const ms = new MemoryStream();
expectAssignable<Stream>(ms);
expectType<void>(ms.Write(segment.Array, segment.Offset, 4));
expectType<void>(ms.Write(new Uint8Array(1)));
expectType<Promise<void>>(ms.WriteAsync(new Uint8Array(1), 0, 1, CancellationToken.None));
expectType<Promise<void>>(ms.WriteAsync(new Uint8Array(1)));
expectType<number>(ms.Read(new Uint8Array(4), 0, 4));
expectType<Promise<number>>(ms.ReadAsync(new Uint8Array(4), CancellationToken.None));
expectType<number>(ms.Seek(0, SeekOrigin.Begin));
expectType<number>(ms.Position);
expectType<number>(ms.Length);
expectType<number>(ms.Capacity);
expectType<Uint8Array>(ms.ToArray());
expectType<Uint8Array>(ms.GetBuffer());
expectType<void>(ms.SetLength(0));
expectType<MemoryStream>(new MemoryStream(new Uint8Array(4), false));
expectType<MemoryStream>(new MemoryStream(new Uint8Array(4), 0, 2, true, true));
expectError(ms.Seek(0, 'Begin'));
// @ts-expect-error Stream is abstract, as on .NET (C#: CS0144); tsd's expectError cannot see TS2511.
new Stream();

const reader = new StreamReader(ms, Encoding.UTF8);
expectType<string>(reader.ReadToEnd());
expectType<Promise<string>>(reader.ReadToEndAsync());
expectType<string | null>(reader.ReadLine());
expectType<Promise<string | null>>(reader.ReadLineAsync(CancellationToken.None));
expectType<Encoding>(reader.CurrentEncoding);
expectType<StreamReader>(new StreamReader(ms, Encoding.UTF8, true, -1, true));
expectType<StreamReader>(new StreamReader(ms, false));

const writer = new StreamWriter(ms, Encoding.UTF8);
expectType<void>(writer.Write('text'));
expectType<void>(writer.WriteLine());
expectType<Promise<void>>(writer.WriteLineAsync('line'));
expectType<void>(writer.Flush());
expectType<boolean>(writer.AutoFlush);
expectType<Encoding>(writer.Encoding);
expectType<IOException>(new IOException());
