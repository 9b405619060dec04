/**
 * Microsoft.AspNetCore.Http.StatusCodes: named HTTP status codes.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.statuscodes
 */

/**
 * Constants for HTTP status codes, with ASP.NET Core's names, e.g.
 * `context.Response.StatusCode = StatusCodes.Status400BadRequest`.
 */
export abstract class StatusCodes {
  private constructor() {}

  /** 100 Continue. */
  static readonly Status100Continue = 100;
  /** 101 Switching Protocols. */
  static readonly Status101SwitchingProtocols = 101;
  /** 102 Processing. */
  static readonly Status102Processing = 102;
  /** 200 OK. */
  static readonly Status200OK = 200;
  /** 201 Created. */
  static readonly Status201Created = 201;
  /** 202 Accepted. */
  static readonly Status202Accepted = 202;
  /** 203 Non-Authoritative Information. */
  static readonly Status203NonAuthoritative = 203;
  /** 204 No Content. */
  static readonly Status204NoContent = 204;
  /** 205 Reset Content. */
  static readonly Status205ResetContent = 205;
  /** 206 Partial Content. */
  static readonly Status206PartialContent = 206;
  /** 207 Multi-Status. */
  static readonly Status207MultiStatus = 207;
  /** 208 Already Reported. */
  static readonly Status208AlreadyReported = 208;
  /** 226 IM Used. */
  static readonly Status226IMUsed = 226;
  /** 300 Multiple Choices. */
  static readonly Status300MultipleChoices = 300;
  /** 301 Moved Permanently. */
  static readonly Status301MovedPermanently = 301;
  /** 302 Found. */
  static readonly Status302Found = 302;
  /** 303 See Other. */
  static readonly Status303SeeOther = 303;
  /** 304 Not Modified. */
  static readonly Status304NotModified = 304;
  /** 305 Use Proxy. */
  static readonly Status305UseProxy = 305;
  /** 306 Switch Proxy (RFC 2616; no longer used). */
  static readonly Status306SwitchProxy = 306;
  /** 307 Temporary Redirect. */
  static readonly Status307TemporaryRedirect = 307;
  /** 308 Permanent Redirect. */
  static readonly Status308PermanentRedirect = 308;
  /** 400 Bad Request. */
  static readonly Status400BadRequest = 400;
  /** 401 Unauthorized. */
  static readonly Status401Unauthorized = 401;
  /** 402 Payment Required. */
  static readonly Status402PaymentRequired = 402;
  /** 403 Forbidden. */
  static readonly Status403Forbidden = 403;
  /** 404 Not Found. */
  static readonly Status404NotFound = 404;
  /** 405 Method Not Allowed. */
  static readonly Status405MethodNotAllowed = 405;
  /** 406 Not Acceptable. */
  static readonly Status406NotAcceptable = 406;
  /** 407 Proxy Authentication Required. */
  static readonly Status407ProxyAuthenticationRequired = 407;
  /** 408 Request Timeout. */
  static readonly Status408RequestTimeout = 408;
  /** 409 Conflict. */
  static readonly Status409Conflict = 409;
  /** 410 Gone. */
  static readonly Status410Gone = 410;
  /** 411 Length Required. */
  static readonly Status411LengthRequired = 411;
  /** 412 Precondition Failed. */
  static readonly Status412PreconditionFailed = 412;
  /** RFC 2616 name of 413. */
  /** 413 Payload Too Large. */
  static readonly Status413RequestEntityTooLarge = 413;
  /** 413 Payload Too Large. */
  static readonly Status413PayloadTooLarge = 413;
  /** RFC 2616 name of 414. */
  /** 414 URI Too Long. */
  static readonly Status414RequestUriTooLong = 414;
  /** 414 URI Too Long. */
  static readonly Status414UriTooLong = 414;
  /** 415 Unsupported Media Type. */
  static readonly Status415UnsupportedMediaType = 415;
  /** RFC 2616 name of 416. */
  /** 416 Range Not Satisfiable. */
  static readonly Status416RequestedRangeNotSatisfiable = 416;
  /** 416 Range Not Satisfiable. */
  static readonly Status416RangeNotSatisfiable = 416;
  /** 417 Expectation Failed. */
  static readonly Status417ExpectationFailed = 417;
  /** 418 I'm a Teapot. */
  static readonly Status418ImATeapot = 418;
  /** 419 Authentication Timeout (not defined in any RFC). */
  static readonly Status419AuthenticationTimeout = 419;
  /** 421 Misdirected Request. */
  static readonly Status421MisdirectedRequest = 421;
  /** 422 Unprocessable Entity. */
  static readonly Status422UnprocessableEntity = 422;
  /** 423 Locked. */
  static readonly Status423Locked = 423;
  /** 424 Failed Dependency. */
  static readonly Status424FailedDependency = 424;
  /** 426 Upgrade Required. */
  static readonly Status426UpgradeRequired = 426;
  /** 428 Precondition Required. */
  static readonly Status428PreconditionRequired = 428;
  /** 429 Too Many Requests. */
  static readonly Status429TooManyRequests = 429;
  /** 431 Request Header Fields Too Large. */
  static readonly Status431RequestHeaderFieldsTooLarge = 431;
  /** 451 Unavailable For Legal Reasons. */
  static readonly Status451UnavailableForLegalReasons = 451;
  /** 500 Internal Server Error. */
  static readonly Status500InternalServerError = 500;
  /** 501 Not Implemented. */
  static readonly Status501NotImplemented = 501;
  /** 502 Bad Gateway. */
  static readonly Status502BadGateway = 502;
  /** 503 Service Unavailable. */
  static readonly Status503ServiceUnavailable = 503;
  /** 504 Gateway Timeout. */
  static readonly Status504GatewayTimeout = 504;
  /** 505 HTTP Version Not Supported. */
  static readonly Status505HttpVersionNotsupported = 505;
  /** 506 Variant Also Negotiates. */
  static readonly Status506VariantAlsoNegotiates = 506;
  /** 507 Insufficient Storage. */
  static readonly Status507InsufficientStorage = 507;
  /** 508 Loop Detected. */
  static readonly Status508LoopDetected = 508;
  /** 510 Not Extended. */
  static readonly Status510NotExtended = 510;
  /** 511 Network Authentication Required. */
  static readonly Status511NetworkAuthenticationRequired = 511;
}
