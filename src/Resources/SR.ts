/**
 * The message table: every user-visible string dotnet-ws produces, keyed by the resource name .NET
 * uses for it (`Strings.resx` of System.Private.CoreLib, System.Net.WebSockets,
 * System.Net.WebSockets.Client, ...), word for word, so users can search for a message they saw on .NET.
 *
 * Keys that have no .NET resource (the message is a literal in .NET's source) get a descriptive name and
 * say so in a comment. Templates use .NET's composite-format placeholders `{0}`, `{1}`, … and are filled
 * with {@link SR.Format}.
 *
 * Appending: add your keys in your own commented block at the end of the object; do not reorder others'.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.resources.resourcemanager
 */

/**
 * Fills a composite-format template as .NET's `string.Format` does for plain `{n}` items: `{0}` is replaced
 * by the first argument, `{1}` by the second, …; `{{` and `}}` stand for literal braces. `null` and
 * `undefined` render as the empty string, every other value through `String(value)`.
 *
 * @example
 * SR.Format(SR.net_WebSockets_InvalidState, 'Aborted', 'Open, CloseSent');
 * // "The WebSocket is in an invalid state ('Aborted') for this operation. Valid states are: 'Open, CloseSent'"
 */
function Format(template: string, ...args: unknown[]): string {
  return template.replace(/\{\{|\}\}|\{(\d+)\}/g, (match, index: string | undefined) => {
    if (index === undefined) return match[0]!;
    const value = args[Number(index)];
    // As String.Format: any argument is formatted by its own toString().
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return value === null || value === undefined ? '' : String(value);
  });
}

export const SR = {
  // ---------------------------------------------------------------------------------------------------
  // System (System.Private.CoreLib Strings.resx): exception default messages and their decorations.
  // ---------------------------------------------------------------------------------------------------
  /** Exception() with no message: {0} is the .NET type's full name. */
  Exception_WasThrown: "Exception of type '{0}' was thrown.",
  Arg_SystemException: 'System error.',
  Arg_ArgumentException: 'Value does not fall within the expected range.',
  Arg_ArgumentOutOfRangeException: 'Specified argument was out of the range of valid values.',
  /** Appended (after one space) to an ArgumentException's message when ParamName is set. */
  Arg_ParamName_Name: "(Parameter '{0}')",
  /** Appended (after a new line) to an ArgumentOutOfRangeException's message when ActualValue is set. */
  ArgumentOutOfRange_ActualValue: 'Actual value was {0}.',
  ArgumentNull_Generic: 'Value cannot be null.',
  Arg_InvalidOperationException: 'Operation is not valid due to the current state of the object.',
  Arg_NotSupportedException: 'Specified method is not supported.',
  Arg_PlatformNotSupported: 'Operation is not supported on this platform.',
  Arg_ExternalException: 'External component has thrown an exception.',
  Arg_ArithmeticException: 'Overflow or underflow in the arithmetic operation.',
  Arg_OverflowException: 'Arithmetic operation resulted in an overflow.',
  Overflow_NegateTwosCompNum: 'Negating the minimum value of a twos complement number is invalid.',
  /** Win32Exception's text for an error code it has no system message for; {0} is the code in hexadecimal. */
  UnknownError_Num: 'Unknown error (0x{0})',
  ObjectDisposed_Generic: 'Cannot access a disposed object.',
  /** Appended (after a new line) to an ObjectDisposedException's message when ObjectName is set. */
  ObjectDisposed_ObjectName_Name: "Object name: '{0}'.",
  OperationCanceled: 'The operation was canceled.',
  TaskCanceledException_ctor_DefaultMessage: 'A task was canceled.',
  AggregateException_ctor_DefaultMessage: 'One or more errors occurred.',
  AggregateException_ctor_InnerExceptionNull: 'An element of innerExceptions was null.',
  /** ArgumentOutOfRangeException.ThrowIfLessThan (.NET 8+): {0} param name, {1} value, {2} limit. */
  ArgumentOutOfRange_Generic_MustBeGreaterOrEqual: "{0} ('{1}') must be greater than or equal to '{2}'.",
  ArgumentOutOfRange_Generic_MustBeNonNegative: "{0} ('{1}') must be a non-negative value.",
  ArgumentOutOfRange_Generic_MustBeNonNegativeNonZero: "{0} ('{1}') must be a non-negative and non-zero value.",
  ArgumentOutOfRange_Generic_MustBeNonZero: "{0} ('{1}') must be a non-zero value.",
  ArgumentOutOfRange_Generic_MustBeLessOrEqual: "{0} ('{1}') must be less than or equal to '{2}'.",

  // System.Nullable<T>
  InvalidOperation_NoValue: 'Nullable object must have a value.',

  // System.ArraySegment<T> (docs/behaviour.md#arraysegment) and System.Array.Copy
  ArgumentOutOfRange_NeedNonNegNum: 'Non-negative number required.',
  Argument_InvalidOffLen:
    'Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.',
  ArgumentOutOfRange_IndexMustBeLess: 'Index was out of range. Must be non-negative and less than the size of the collection.',
  ArgumentOutOfRange_IndexMustBeLessOrEqual:
    'Index was out of range. Must be non-negative and less than or equal to the size of the collection.',
  InvalidOperation_NullArray: 'The underlying array is null.',
  Argument_DestinationTooShort: 'Destination is too short.',
  NotSupported_FixedSizeCollection: 'Collection was of a fixed size.',
  Arg_LongerThanDestArray: "Destination array was not long enough. Check the destination index, length, and the array's lower bounds.",
  ArgumentOutOfRange_ArrayLB: "Number was less than the array's lower bound in the first dimension.",
  Arg_LongerThanSrcArray: "Source array was not long enough. Check the source index, length, and the array's lower bounds.",

  // System.TimeSpan
  Overflow_Duration:
    'The duration cannot be returned for TimeSpan.MinValue because the absolute value of TimeSpan.MinValue exceeds the value of TimeSpan.MaxValue.',
  Overflow_TimeSpanTooLong: 'TimeSpan overflowed because the duration is too long.',
  Arg_CannotBeNaN: 'TimeSpan does not accept floating point Not-a-Number values.',
  Arg_MustBeTimeSpan: 'Object must be of type TimeSpan.',

  // System.Text.Encoding
  ArgumentNull_Array: 'Array cannot be null.',
  ArgumentNull_String: 'String reference not set to an instance of a String.',
  ArgumentOutOfRange_IndexCountBuffer: 'Index and count must refer to a location within the buffer.',
  ArgumentOutOfRange_GetByteCountOverflow:
    'Too many characters. The resulting number of bytes is larger than what can be returned as an int.',
  /** {0} the bytes as "[XX]" items (at most 20, then " ..."), {1} their index. */
  Argument_InvalidCodePageBytesIndex: 'Unable to translate bytes {0} at index {1} from specified code page to Unicode.',
  /** {0} the UTF-16 code unit in 4+ uppercase hex digits, {1} its index. */
  Argument_InvalidCodePageConversionIndex: 'Unable to translate Unicode character \\u{0} at index {1} to specified code page.',
  ArgumentOutOfRange_GetCharCountOverflow: 'Too many bytes. The resulting number of chars is larger than what can be returned as an int.',

  // System.Threading (docs/behaviour.md#cancellationtoken)
  CancellationTokenSource_Disposed: 'The CancellationTokenSource has been disposed.',
  CancellationToken_CreateLinkedToken_TokensIsEmpty: 'No tokens were supplied.',

  // ---------------------------------------------------------------------------------------------------
  // System.Net.WebSockets (System.Net.WebSockets Strings.resx; docs/behaviour.md)
  // ---------------------------------------------------------------------------------------------------
  /** {0} current state, {1} the comma-joined valid states (docs/behaviour.md#invalid-state). */
  net_WebSockets_InvalidState: "The WebSocket is in an invalid state ('{0}') for this operation. Valid states are: '{1}'",
  // WebSocketException default messages, one per WebSocketError (docs/behaviour.md#websocketexception).
  /** Note the trailing space: it is in .NET's resource. */
  net_WebSockets_Generic: 'An internal WebSocket error occurred. Please see the innerException, if present, for more details. ',
  /** {0} "WebSocket.CloseAsync", {1} "WebSocket.CloseOutputAsync". The double space is .NET's. */
  net_WebSockets_InvalidMessageType_Generic:
    "The received  message type is invalid after calling {0}. {0} should only be used if no more data is expected from the remote endpoint. Use '{1}' instead to keep being able to receive data but close the output channel.",
  net_Websockets_WebSocketBaseFaulted:
    'An exception caused the WebSocket to enter the Aborted state. Please see the InnerException, if present, for more details.',
  net_WebSockets_NotAWebSocket_Generic: 'A WebSocket operation was called on a request or response that is not a WebSocket.',
  net_WebSockets_UnsupportedWebSocketVersion_Generic: 'Unsupported WebSocket version.',
  /** Trailing space is .NET's. */
  net_WebSockets_UnsupportedProtocol_Generic: 'The WebSocket request or response operation was called with unsupported protocol(s). ',
  /** Trailing space is .NET's. */
  net_WebSockets_HeaderError_Generic: 'The WebSocket request or response contained unsupported header(s). ',
  net_WebSockets_ConnectionClosedPrematurely_Generic:
    'The remote party closed the WebSocket connection without completing the close handshake.',
  net_WebSockets_InvalidState_Generic:
    'The WebSocket instance cannot be used for communication because it has been transitioned into an invalid state.',
  // Argument validation (docs/behaviour.md#websocket-statics, docs/behaviour.md#validation).
  /** {0} the lower bound, e.g. 0, 1 or "-00:00:00.0010000". */
  net_WebSockets_ArgumentOutOfRange_TooSmall: 'The argument must be a value greater than {0}.',
  /** {0}..{1}, e.g. 9 and 15 for the deflate window bits. */
  net_WebSockets_ArgumentOutOfRange: 'The argument must be a value between {0} and {1}.',
  net_WebSockets_TimeoutOutOfRange: 'The timeout must be a value between non-negative or Timeout.InfiniteTimeSpan.',
  /** {0} the subprotocol, {1} the offending character (non-printables as "[code]"). */
  net_WebSockets_InvalidCharInProtocolString: "The WebSocket protocol '{0}' is invalid because it contains the invalid character '{1}'.",
  /** The backslashes are literally in .NET's resource (a resx value is not unescaped). */
  net_WebSockets_InvalidEmptySubProtocol: 'Empty string is not a valid subprotocol value. Please use \\"null\\" to specify no value.',
  /** System.Private.CoreLib (.NET 10): ArgumentException.ThrowIfNullOrWhiteSpace. */
  Argument_EmptyOrWhiteSpaceString: 'The value cannot be an empty string or composed entirely of whitespace.',
  /** {0} the description, {1} "Empty". */
  net_WebSockets_ReasonNotNull:
    "The close status description '{0}' is invalid. When using close status code '{1}' the description must be null.",
  /** {0} the numeric close code. */
  net_WebSockets_InvalidCloseStatusCode:
    "The close status code '{0}' is reserved for system use only and cannot be specified when calling this method.",
  /** {0} the description, {1} 123. (The Client assembly's copy says "UTF8-representation"; users see this one.) */
  net_WebSockets_InvalidCloseStatusDescription:
    "The close status description '{0}' is too long. The UTF-8 representation of the status description must not be longer than {1} bytes.",
  net_WebSockets_UnsupportedPlatform: 'The WebSocket protocol is not supported on this platform.',
  /** {0} "Close", {1} "SendAsync", {2} "Binary", {3} "Text", {4} "CloseOutputAsync". Trailing space is .NET's. */
  net_WebSockets_Argument_InvalidMessageType:
    "The message type '{0}' is not allowed for the '{1}' operation. Valid message types are: '{2}, {3}'. To close the WebSocket, use the '{4}' operation instead. ",
  /** {0} "SendAsync" or "ReceiveAsync" (docs/behaviour.md#concurrency: not thrown by ManagedWebSocket in .NET 8/9). */
  net_Websockets_AlreadyOneOutstandingOperation:
    "There is already one outstanding '{0}' call for this WebSocket instance. ReceiveAsync and SendAsync can be called simultaneously, but at most one outstanding operation for each of them is allowed at the same time.",
  net_WebSockets_Argument_MessageFlagsHasDifferentCompressionOptions:
    'The compression options for a continuation cannot be different than the options used to send the first fragment of the message.',
  NotReadableStream: 'The base stream is not readable.',
  NotWriteableStream: 'The base stream is not writeable.',
  PlatformNotSupported_WebSockets: 'WebSockets is not supported on this platform.',
  // Protocol errors in received frames (docs/behaviour.md#protocol-errors), all WebSocketException(Faulted).
  net_Websockets_ReservedBitsSet: 'The WebSocket received a frame with one or more reserved bits set.',
  net_Websockets_ClientReceivedMaskedFrame: 'The WebSocket server sent a masked frame.',
  /** .NET 9 only. Text not verified against the .NET 9 resource (not in the index); see the report. */
  net_Websockets_ServerReceivedUnmaskedFrame: 'The WebSocket client sent an unmasked frame.',
  net_Websockets_ContinuationFromFinalFrame: 'The WebSocket received a continuation frame from a previous final message.',
  net_Websockets_NonContinuationAfterNonFinalFrame:
    'The WebSocket expected a continuation frame after having received a previous non-final frame.',
  net_Websockets_InvalidControlMessage: 'The WebSocket received an invalid control message.',
  /** {0} the opcode in hexadecimal, e.g. "3". */
  net_Websockets_UnknownOpcode: "The WebSocket received a frame with an unknown opcode: '0x{0}'.",
  net_Websockets_InvalidPayloadLength: 'The WebSocket received a frame with an invalid payload length.',
  net_Websockets_PerMessageCompressedFlagInContinuation:
    'The WebSocket received a continuation frame with Per-Message Compressed flag set.',
  net_Websockets_PerMessageCompressedFlagWhenNotEnabled: 'The WebSocket received compressed frame when compression is not enabled.',
  ZLibErrorInconsistentStream: 'The stream state of the underlying compression routine is inconsistent.',
  ZLibErrorUnexpected: 'The underlying compression routine returned an unexpected error code {0}.',
  ZLibUnsupportedCompression: 'The message was compressed using an unsupported compression method.',
  // Keep-alive (docs/behaviour.md#keep-alive).
  /**
   * .NET 9. "recieve" is .NET's spelling: the resource in .NET 10's System.Net.WebSockets (what the
   * runtime prints) has it so (test/dotnet/probes/messages).
   */
  net_Websockets_KeepAlivePingTimeout:
    "The WebSocket didn't recieve a Pong frame in response to a Ping frame within the configured KeepAliveTimeout.",
  /**
   * Not a .NET resource: ManagedWebSocket creates `new OperationCanceledException(nameof(WebSocketState.Aborted), …)`
   * when an operation fails because the socket was aborted (docs/behaviour.md#cancellation).
   */
  net_WebSockets_Aborted: 'Aborted',

  // ---------------------------------------------------------------------------------------------------
  // System.Net.WebSockets.ClientWebSocket / ClientWebSocketOptions (System.Net.WebSockets.Client
  // Strings.resx; docs/behaviour.md#client)
  // ---------------------------------------------------------------------------------------------------
  net_webstatus_ConnectFailure: 'Unable to connect to the remote server',
  net_uri_NotAbsolute: 'This operation is not supported for a relative URI.',
  net_WebSockets_Scheme: "Only Uris starting with 'ws://' or 'wss://' are supported.",
  net_WebSockets_AlreadyStarted: 'The WebSocket has already been started.',
  net_WebSockets_NotConnected: 'The WebSocket is not connected.',
  /** .NET 8 and earlier name, 101 built in: {0} the status code received. */
  net_WebSockets_Connect101Expected: "The server returned status code '{0}' when status code '101' was expected.",
  /** Newer name for the same message: {0} the status code received, {1} the one expected (101, or 200 on HTTP/2). */
  net_WebSockets_ConnectStatusExpected: "The server returned status code '{0}' when status code '{1}' was expected.",
  /** {0} the header name. */
  net_WebSockets_MissingResponseHeader: "The server's response was missing the required header '{0}'.",
  /** {0} the header name, {1} its value. */
  net_WebSockets_InvalidResponseHeader: "The '{0}' header value '{1}' is invalid.",
  /** {0} the requested protocols joined with ", ", {1} the server's. */
  net_WebSockets_AcceptUnsupportedProtocol:
    "The WebSocket client request requested '{0}' protocol(s), but server is only accepting '{1}' protocol(s).",
  /** {0} the type name, {1} the state. */
  net_WebSockets_InvalidState_ClosedOrAborted:
    "The '{0}' instance cannot be used for communication because it has been transitioned into the '{1}' state.",
  /** {0} the duplicate subprotocol. */
  net_WebSockets_NoDuplicateProtocol: "Duplicate protocols are not allowed: '{0}'.",
  net_securityprotocolnotsupported: 'The requested security protocol is not supported.',
  /** {0} requested, {1} responded. */
  net_WebSockets_ServerWindowBitsNegotiationFailure:
    'The WebSocket failed to negotiate max server window bits. The client requested {0} but the server responded with {1}.',
  /** {0} requested, {1} responded. */
  net_WebSockets_ClientWindowBitsNegotiationFailure:
    'The WebSocket failed to negotiate max client window bits. The client requested {0} but the server responded with {1}.',
  net_WebSockets_OptionsIncompatibleWithCustomInvoker:
    "UseDefaultCredentials, Credentials, Proxy, ClientCertificates, RemoteCertificateValidationCallback and Cookies must not be set on ClientWebSocketOptions when an HttpMessageInvoker instance is also specified. These options should be set on the HttpMessageInvoker's underlying HttpMessageHandler instead.",
  net_WebSockets_CustomInvokerRequiredForHttp2: 'An HttpMessageInvoker instance must be passed to ConnectAsync when using HTTP/2.',
  // SetRequestHeader validation (System.Net.WebHeaderCollection, System.Net.Primitives Strings.resx).
  net_WebHeaderInvalidHeaderChars: "Specified value '{0}' has invalid HTTP Header characters.",
  net_WebHeaderInvalidControlChars: 'Specified value has invalid Control characters.',
  net_WebHeaderInvalidCRLFChars: 'Specified value has invalid CRLF characters.',
  net_emptyStringCall: 'The parameter cannot be an empty string.',

  // ---------------------------------------------------------------------------------------------------
  // Microsoft.AspNetCore.* (docs/behaviour.md#aspnet-core-server). ASP.NET Core writes these as literals, not resources: the keys are ours.
  // ---------------------------------------------------------------------------------------------------
  /** HttpContext.WebSockets.AcceptWebSocketAsync without app.UseWebSockets(). */
  AspNetCore_WebSocketsNotSupported: 'WebSockets are not supported',
  /** AcceptWebSocketAsync on a request that is not a WebSocket upgrade. */
  AspNetCore_NotAWebSocketRequest: 'Not a WebSocket request.',
  /** WebSocketAcceptContext.ServerMaxWindowBits outside 9..15. */
  AspNetCore_ServerMaxWindowBitsOutOfRange: 'The argument must be a value from 9 to 15.',

  // ---------------------------------------------------------------------------------------------------
  // dotnet-ws's own messages, for limits .NET does not have. Keys prefixed dotnetws_.
  // ---------------------------------------------------------------------------------------------------
  /** A received message exceeded the maximum message size (ws's maxPayload); the peer got close 1009. */
  dotnetws_MessageTooBig: 'The WebSocket received a message larger than the maximum message size.',

  // ---------------------------------------------------------------------------------------------------
  // ClientWebSocket's supporting types (issue 5): System.Uri, System.Version, System.FormatException,
  // System.Net (cookies, proxy), System.Net.Security, System.Security.Cryptography(.X509Certificates).
  // ---------------------------------------------------------------------------------------------------
  // System.Private.Uri Strings.resx
  net_uri_BadFormat: 'Invalid URI: The format of the URI could not be determined.',
  net_uri_EmptyUri: 'Invalid URI: The URI is empty.',
  net_uri_BadHostName: 'Invalid URI: The hostname could not be parsed.',
  net_uri_BadPort: 'Invalid URI: Invalid port specified.',
  // System.Private.CoreLib Strings.resx
  Arg_FormatException: 'One of the identified items was in an invalid format.',
  ArgumentOutOfRange_Version: "Version's parameters must be greater than or equal to zero.",
  // System.Net.Primitives Strings.resx (Cookie, CookieContainer)
  /** {0} the attribute ("Name", "Value", "Domain"), {1} its value. */
  net_cookie_attribute: "The '{0}'='{1}' part of the cookie is invalid.",
  /** {0} the URI. */
  net_cookie_parse_header: "An error occurred when parsing the Cookie header for Uri '{0}'.",
  /** {0} the parameter, e.g. "cookie.Domain". */
  net_emptystringcall: "The parameter '{0}' cannot be an empty string.",
  /** Not a .NET resource (.NET's Regex reports its own parse error): an invalid WebProxy.BypassList entry. */
  net_bad_bypass_list_entry: "The proxy bypass list entry '{0}' is not a valid regular expression.",
  // System.Security.Cryptography Strings.resx (X509Certificate2)
  Arg_CryptographyException: 'Error occurred during a cryptographic operation.',
  Cryptography_Der_Invalid_Encoding: 'ASN1 corrupted data.',
  Cryptography_X509_NoPemCertificate: 'The contents do not contain a PEM with a CERTIFICATE label, or the content is malformed.',
  Cryptography_X509_NoOrMismatchedPemKey:
    'The key contents do not contain a PEM, the content is malformed, or the key does not match the certificate.',
  /** Not a .NET resource: .NET reports the OS error text for a missing certificate file. */
  Cryptography_FileNotFound: 'The system cannot find the file specified.',
  // System.Net.Security / System.Net.Http Strings.resx (the inner errors of a failed ConnectAsync)
  net_ssl_io_cert_custom_validation: 'The remote certificate was rejected by the provided RemoteCertificateValidationCallback.',
  /** {0} the proxy URI, {1} the status code it answered to CONNECT. */
  /** The stray quote at the end is in .NET's resource (System.Net.Http, .NET 10). */
  net_http_proxy_tunnel_returned_failure_status_code: "The proxy tunnel request to proxy '{0}' failed with status code '{1}'.\"",
  /** System.Net.Http: the HTTP/2 server did not send SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441). */
  net_unsupported_extended_connect:
    'Failed to establish web socket connection over HTTP/2 because extended CONNECT is not supported. Try to downgrade the request version to HTTP/1.1.',
  /** System.Net.Http: TLS could not be established (ALPN refused, handshake failure). */
  net_http_ssl_connection_failed: 'The SSL connection could not be established, see inner exception.',
  /** System.Net.Http: the connection ended before a response. */
  net_http_client_execution_error: 'An error occurred while sending the request.',
  /** System.Net.Http: the HTTP/2 request failed with a connection error. */
  net_http_http2_connection_error: "The HTTP/2 server sent invalid data on the connection. HTTP/2 error code '{0}' (0x{1}).",

  // ---------------------------------------------------------------------------------------------------
  // Microsoft.AspNetCore.* host (issue 4). Keys named after a .NET resource carry its text word for word:
  // Kestrel's CoreStrings, Routing's and Mvc.Core's Resources, Microsoft.Extensions.Hosting's SR. Keys
  // prefixed AspNetCore_ are ours (a literal or log template in ASP.NET Core, or a message of this host).
  // ---------------------------------------------------------------------------------------------------
  /** Kestrel: {0} the property, e.g. "StatusCode". */
  ParameterReadOnlyAfterResponseStarted: '{0} cannot be set because the response has already started.',
  /** Kestrel: setting a response header after the response started. */
  HeadersAreReadOnly: 'Headers are read-only, response has already started.',
  /** Kestrel: {0} the character as "0x000D". */
  InvalidAsciiOrControlChar: 'Invalid non-ASCII or control character in header: {0}',
  /** Kestrel: a second AcceptWebSocketAsync on one request. */
  UpgradeCannotBeCalledMultipleTimes: 'IHttpUpgradeFeature.UpgradeAsync was already called and can only be called once per connection.',
  ServerAlreadyStarted: 'Server has already started.',
  /** Kestrel: a pending read of an accepted socket's connection once the application aborted it. */
  ConnectionAbortedByApplication: 'The connection was aborted by the application.',
  /** Kestrel: a body written to a 2xx answer of an HTTP/2 CONNECT; {0} the status code. */
  ConnectResponseCanNotHaveBody:
    "Responses to 'CONNECT' requests with the success status code '{0}' cannot have a response body. Use the 'IHttpExtendedConnectFeature' to accept and write to the 'CONNECT' stream.",
  /** Kestrel's HttpRequestStream (a literal): a request body read cut short by ConnectionAbortedException. */
  AspNetCore_RequestAborted: 'The request was aborted',
  /** Kestrel: {0} the address. */
  EndpointAlreadyInUse: 'Failed to bind to address {0}: address already in use.',
  /** Kestrel: {0} "IApplicationBuilder.UsePathBase()". */
  ConfigurePathBaseFromMethodCall: 'A path base can only be configured using {0}.',
  DynamicPortOnLocalhostNotSupported:
    'Dynamic port binding is not supported when binding to localhost. You must either bind to 127.0.0.1:0 or [::1]:0, or both.',
  /** Kestrel (a FormatException there): {0} the address. */
  InvalidUrl: "Invalid url: '{0}'",
  /** Kestrel: {0} the address. */
  UnsupportedAddressScheme: "Unrecognized scheme in server address '{0}'. Only 'http://' and 'https://' are supported.",
  /** Microsoft.Extensions.Hosting: WebApplicationBuilder.Build() twice. */
  BuildCalled: 'Build can only be called once.',
  /** Routing: {0} the parameter name. The doubled braces are composite-format escapes. */
  TemplateRoute_InvalidParameterName:
    "The route parameter name '{0}' is invalid. Route parameter names must be non-empty and cannot contain these characters: '{{', '}}', '/'. The '?' character marks a parameter as optional, and can occur only at the end of the parameter. The '*' character marks a parameter as catch-all, and can occur only at the start of the parameter.",
  /** Routing: used as is (not formatted). */
  TemplateRoute_MismatchedParameter:
    "There is an incomplete parameter in the route template. Check that each '{' character has a matching '}' character.",
  /** Routing: {0} the constraint, {1} "Microsoft.AspNetCore.Routing.RouteOptions", {2} "ConstraintMap". */
  DefaultInlineConstraintResolver_CouldNotFindConstraint:
    "The constraint reference '{0}' could not be resolved to a type. Register the constraint type with '{1}.{2}'.",
  /** Mvc.Core: {0} the action, {1} "ApiControllerAttribute". */
  ApiController_AttributeRouteRequired:
    "Action '{0}' does not have an attribute route. Action methods on controllers annotated with {1} must be attribute routed.",
  /** Kestrel's log template for an exception thrown by the application: {0} connection id, {1} request id. */
  AspNetCore_UnhandledApplicationException: 'Connection id "{0}", Request id "{1}": An unhandled exception was thrown by the application.',
  /** Microsoft.Hosting.Lifetime log lines printed by Run/RunAsync. */
  AspNetCore_NowListeningOn: 'Now listening on: {0}',
  AspNetCore_ApplicationStarted: 'Application started. Press Ctrl+C to shut down.',
  AspNetCore_HostingEnvironment: 'Hosting environment: {0}',
  AspNetCore_ContentRootPath: 'Content root path: {0}',
  AspNetCore_ApplicationShuttingDown: 'Application is shutting down...',
  /** Ours: the built-in listener has no certificate. {0} the address. */
  AspNetCore_HttpsNotSupported:
    "The address '{0}' needs a certificate, which the built-in listener cannot be given: create an https.Server and use app.attach(server) and app.handleRequest.",
  /** Ours: ControllerBase.HttpContext read before the framework set it (.NET gives null there). */
  AspNetCore_ControllerContextNotSet: 'The controller has no HttpContext: the framework sets it before calling an action.',

  // ---------------------------------------------------------------------------------------------------
  // permessage-deflate (System.Net.WebSockets Strings.resx, .NET 10): zlib failures while inflating, thrown
  // as WebSocketException(message) with WebSocketErrorCode Success (src/protocol/permessage-deflate.ts).
  // ---------------------------------------------------------------------------------------------------
  ZLibErrorNotEnoughMemory: 'The underlying compression routine could not reserve sufficient memory.',
  /** Not a .NET resource (dotnet-ws): ListenOptions.UseHttps with a certificate that has no private key. */
  dotnetws_ServerCertificateWithoutKey: 'The server certificate must have a private key (a PKCS#12 file, or CreateFromPem with the key).',
  /** Not a .NET resource (dotnet-ws): ListenOptions.Protocols with neither HTTP/1.x nor HTTP/2. {0} the value. */
  dotnetws_UnsupportedHttpProtocols: "ListenOptions.Protocols '{0}' is not supported: dotnet-ws serves HTTP/1.x and HTTP/2.",
  /** A DEFLATE block with BFINAL set, then more data (always: the 00 00 ff ff tail follows every message). */
  net_WebSockets_DataAfterBFinal: 'Data received after the DEFLATE stream was terminated with BFINAL.',

  // ---------------------------------------------------------------------------------------------------
  // Porting beyond the seed (issue 16): controller discovery, the template Program.cs, System.Threading.Tasks,
  // System.IO, HttpListener.
  // ---------------------------------------------------------------------------------------------------
  /**
   * Ours, logged at startup: {0} the action ("Get"), {1} its module. ASP.NET Core ignores such a class
   * without a word (a non-public class, or one neither named *Controller nor derived from ControllerBase).
   */
  AspNetCore_UnreachableAction:
    "Action '{0}' in {1} can never be reached: its class is not exported from that module (C#: a controller must be a public class), or is neither named '...Controller' nor derived from ControllerBase.",
  /** StaticFileMiddleware's log line (event 16) when wwwroot does not exist: {0} the path. */
  AspNetCore_WebRootPathNotFound: 'The WebRootPath was not found: {0}. Static files may be unavailable.',
  /** HttpsRedirectionMiddleware's log line (event 3): no HTTPS port is known. */
  AspNetCore_FailedToDeterminePort: 'Failed to determine the https port for redirect.',
  /** Microsoft.AspNetCore.Authorization: UseAuthorization without AddAuthorization (or AddControllers). */
  UnableToFindServices:
    "Unable to find the required services. Please add all the required services by calling '{0}' in the application startup code.",

  // System.Threading.Tasks (System.Private.CoreLib Strings.resx)
  /** Task.Delay(int) with a value below -1. */
  Task_Delay_InvalidMillisecondsDelay: 'The value needs to be either -1 (signifying an infinite timeout), 0 or a positive integer.',
  /** Task.Delay(TimeSpan) outside -1 ms .. 0xfffffffe ms. */
  Task_InvalidTimerTimeSpan:
    'The value needs to translate in milliseconds to -1 (signifying an infinite timeout), 0, or a positive integer less than or equal to the maximum allowed timer duration.',
  /** TaskCompletionSource.SetResult/SetException/SetCanceled on a completed task. */
  TaskT_TransitionToFinal_AlreadyCompleted: 'An attempt was made to transition a task to a final state when it had already completed.',
  /** Task.WhenAll/WhenAny: an element of the tasks argument was null. */
  Task_MultiTaskContinuation_NullTask: 'The tasks argument included a null value.',
  /** Task.WhenAny with no tasks. */
  Task_MultiTaskContinuation_EmptyTaskList: 'The tasks argument contains no tasks.',

  // System.IO and System.UnauthorizedAccessException (System.Private.CoreLib Strings.resx)
  Arg_IOException: 'I/O error occurred.',
  Arg_UnauthorizedAccessException: 'Attempted to perform an unauthorized operation.',
  ObjectDisposed_StreamClosed: 'Cannot access a closed Stream.',
  ObjectDisposed_ReaderClosed: 'Cannot read from a closed TextReader.',
  ObjectDisposed_WriterClosed: 'Cannot write to a closed TextWriter.',
  NotSupported_UnreadableStream: 'Stream does not support reading.',
  NotSupported_UnwritableStream: 'Stream does not support writing.',
  NotSupported_UnseekableStream: 'Stream does not support seeking.',
  NotSupported_MemStreamNotExpandable: 'Memory stream is not expandable.',
  UnauthorizedAccess_MemStreamBuffer: "MemoryStream's internal buffer cannot be accessed.",
  IO_SeekBeforeBegin: 'An attempt was made to move the position before the beginning of the stream.',
  IO_StreamTooLong: 'Stream was too long.',
  Argument_InvalidSeekOrigin: 'Invalid seek origin.',
  Argument_StreamNotReadable: 'Stream was not readable.',
  Argument_StreamNotWritable: 'Stream was not writable.',
  ArgumentOutOfRange_StreamLength: 'Stream length must be non-negative and less than 2^31 - 1 - origin.',
  ArgumentOutOfRange_SmallCapacity: 'capacity was less than the current size.',

  // System.Net.HttpListener (System.Net.HttpListener Strings.resx).
  net_listener_scheme: "Only Uri prefixes starting with 'http://' or 'https://' are supported.",
  net_listener_host: 'Only Uri prefixes with a valid hostname are supported.',
  net_listener_slash: "Only Uri prefixes ending in '/' are allowed.",
  net_listener_mustcall: 'Please call the {0} method before calling this method.',
  net_invalidstatus: 'The status code must be exactly three digits.',
  /** {0} the operation, {1} "Connection", {2} "Upgrade", {3} "websocket", {4} the client's Upgrade value. */
  net_WebSockets_AcceptNotAWebSocket:
    "The {0} operation was called on an incoming request that did not specify a '{1}: {2}' header or the {2} header not contain '{3}'. {2} specified by the client was '{4}'.",
  /** {0} the operation, {1} the versions supported, {2} the client's. */
  net_WebSockets_AcceptUnsupportedWebSocketVersion:
    "The {0} operation was called on an incoming WebSocket request without required '{1}' header or with an unsupported WebSocket version. Supported versions: '{2}'. Client version: '{3}'.",
  /** {0} the operation, {1} the header. */
  net_WebSockets_AcceptHeaderNotFound: "The {0} operation was called on an incoming WebSocket request without required '{1}' header. ",
  /** The body HttpListener answers a request no prefix covers with. */
  HttpListener_NotFoundBody: '<h1>Not Found (Not Found)</h1>',

  /** Ours: WebSocketStream's Read/Write, which .NET runs sync-over-async and JavaScript cannot block for. */
  WebSocketStream_SyncNotSupported:
    'WebSocketStream cannot read or write synchronously in JavaScript (.NET blocks the thread here): use ReadAsync and WriteAsync.',

  Format,
};
