// The System.Text namespace pinned to .NET's signatures.
import { expectAssignable, expectError, expectType } from 'tsd';
import { DecoderFallbackException, Encoding, EncoderFallbackException, UTF8Encoding } from 'dotnet-ws';

// The seed: Encoding.UTF8.GetBytes("...") and Encoding.UTF8.GetString(buffer, 0, receiveResult.Count).
const buffer = new Uint8Array(1024 * 4);
expectType<Encoding>(Encoding.UTF8);
expectType<Encoding>(Encoding.Default);
expectType<Uint8Array>(Encoding.UTF8.GetBytes('Hello WebSocket Client!'));
expectType<string>(Encoding.UTF8.GetString(buffer));
expectType<string>(Encoding.UTF8.GetString(buffer, 0, 10));
expectType<string>(Encoding.UTF8.GetString(Buffer.from('x')));
expectType<number>(Encoding.UTF8.GetByteCount('x'));
expectType<number>(Encoding.UTF8.GetMaxByteCount(10));
expectType<number>(Encoding.UTF8.GetMaxCharCount(10));
expectType<Uint8Array>(Encoding.UTF8.GetPreamble());
expectType<number>(Encoding.UTF8.CodePage);
expectType<string>(Encoding.UTF8.WebName);
expectType<string>(Encoding.UTF8.EncodingName);
expectType<UTF8Encoding>(new UTF8Encoding());
expectType<UTF8Encoding>(new UTF8Encoding(true));
expectType<UTF8Encoding>(new UTF8Encoding(false, true));
expectAssignable<Encoding>(new UTF8Encoding());
expectType<boolean>(new UTF8Encoding().Equals(Encoding.UTF8));
expectType<Uint8Array | null>(new DecoderFallbackException().BytesUnknown);
expectType<number>(new DecoderFallbackException().Index);
expectType<string>(new EncoderFallbackException().CharUnknown);
expectError(Encoding.UTF8.GetString(buffer, 0));
expectError(Encoding.UTF8.GetString('text'));
expectError(Encoding.UTF8.GetBytes(buffer));
// @ts-expect-error TS2511: Encoding is abstract.
new Encoding();
