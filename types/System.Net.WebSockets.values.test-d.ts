// The System.Net.WebSockets value types pinned to .NET's signatures and values.
import { expectAssignable, expectError, expectType } from 'tsd';
import {
  Nullable,
  TimeSpan,
  ValueWebSocketReceiveResult,
  WebSocketCloseStatus,
  WebSocketCreationOptions,
  WebSocketDeflateOptions,
  WebSocketError,
  WebSocketException,
  WebSocketMessageFlags,
  WebSocketMessageType,
  WebSocketReceiveResult,
  WebSocketState,
  Win32Exception,
} from 'dotnet-ws';

// ---- Enums: .NET's values -------------------------------------------------------------------------
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- the cast is the check: None is comparable to 0
expectType<0>(WebSocketState.None as 0);
expectType<WebSocketState.Open>(WebSocketState.Open);
expectAssignable<2>(WebSocketState.Open);
expectAssignable<6>(WebSocketState.Aborted);
expectAssignable<0>(WebSocketMessageType.Text);
expectAssignable<1>(WebSocketMessageType.Binary);
expectAssignable<2>(WebSocketMessageType.Close);
expectAssignable<1>(WebSocketMessageFlags.EndOfMessage);
expectAssignable<2>(WebSocketMessageFlags.DisableCompression);
expectAssignable<WebSocketMessageFlags>(WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression);
expectAssignable<1000>(WebSocketCloseStatus.NormalClosure);
expectAssignable<1005>(WebSocketCloseStatus.Empty);
expectAssignable<1011>(WebSocketCloseStatus.InternalServerError);
expectAssignable<2>(WebSocketError.Faulted);
expectAssignable<9>(WebSocketError.InvalidState);
expectType<string>(WebSocketState[WebSocketState.Closed]);
// A custom close code is a cast, as in C#.
expectType<WebSocketCloseStatus>(4000 as WebSocketCloseStatus);
// There are no members for 1004 and 1006.
expectError(WebSocketCloseStatus.Abnormal);

// ---- WebSocketReceiveResult -----------------------------------------------------------------------
const result = new WebSocketReceiveResult(5, WebSocketMessageType.Text, true);
expectType<WebSocketReceiveResult>(
  new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, WebSocketCloseStatus.NormalClosure, 'bye'),
);
expectType<WebSocketReceiveResult>(new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, null, null));
expectType<WebSocketReceiveResult>(
  new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, Nullable.Of<WebSocketCloseStatus>(1000), ''),
);
expectType<number>(result.Count);
expectType<boolean>(result.EndOfMessage);
expectType<WebSocketMessageType>(result.MessageType);
expectType<Nullable<WebSocketCloseStatus>>(result.CloseStatus);
expectType<string | null>(result.CloseStatusDescription);
// The seed: !receiveResult.CloseStatus.HasValue and receiveResult.CloseStatus.Value.
if (!result.CloseStatus.HasValue) expectType<false>(result.CloseStatus.HasValue);
else expectType<WebSocketCloseStatus>(result.CloseStatus.Value);
expectType<WebSocketCloseStatus>(result.CloseStatus.Value);
// An out-of-range close code literal is not a WebSocketCloseStatus (cast it, as C# requires).
expectError(new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, 4000, ''));
expectError(new WebSocketReceiveResult(0, 3, true));
expectError(new WebSocketReceiveResult(0, 'Text', true));
expectError((result.Count = 1));
expectError((result.CloseStatus = Nullable.Null));

// ---- ValueWebSocketReceiveResult ------------------------------------------------------------------
const value = new ValueWebSocketReceiveResult(1, WebSocketMessageType.Binary, false);
expectType<number>(value.Count);
expectType<boolean>(value.EndOfMessage);
expectType<WebSocketMessageType>(value.MessageType);
expectError(value.CloseStatus);

// ---- WebSocketException ---------------------------------------------------------------------------
const inner = new Error('io');
expectType<WebSocketException>(new WebSocketException());
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, 'm'));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, inner));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, 'm', inner));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, -1));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, -1, 'm'));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, -1, inner));
expectType<WebSocketException>(new WebSocketException(WebSocketError.Faulted, -1, 'm', inner));
expectType<WebSocketException>(new WebSocketException('m'));
expectType<WebSocketException>(new WebSocketException('m', inner));
expectType<WebSocketException>(WebSocketException.fromNativeError(-1));
expectType<WebSocketException>(WebSocketException.fromNativeError(-1, 'm'));
expectType<WebSocketException>(WebSocketException.fromNativeError(-1, inner));
const wse = new WebSocketException(WebSocketError.InvalidState);
expectType<WebSocketError>(wse.WebSocketErrorCode);
expectType<number>(wse.ErrorCode);
expectType<number>(wse.NativeErrorCode);
expectType<number>(wse.HResult);
expectAssignable<Win32Exception>(wse);
expectError(new WebSocketException(WebSocketError.Faulted, 'm', 'inner'));
expectError((wse.WebSocketErrorCode = WebSocketError.Success));

// ---- WebSocketCreationOptions / WebSocketDeflateOptions ------------------------------------------
const options = new WebSocketCreationOptions();
expectType<boolean>(options.IsServer);
expectType<string | null>(options.SubProtocol);
expectType<TimeSpan>(options.KeepAliveInterval);
expectType<TimeSpan>(options.KeepAliveTimeout);
expectType<WebSocketDeflateOptions | null>(options.DangerousDeflateOptions);
options.SubProtocol = null;
options.KeepAliveInterval = TimeSpan.FromSeconds(30);
expectError((options.KeepAliveInterval = 30));
const deflate = new WebSocketDeflateOptions();
expectType<number>(deflate.ClientMaxWindowBits);
expectType<number>(deflate.ServerMaxWindowBits);
expectType<boolean>(deflate.ClientContextTakeover);
expectType<boolean>(deflate.ServerContextTakeover);
expectError((deflate.ClientContextTakeover = 'yes'));
