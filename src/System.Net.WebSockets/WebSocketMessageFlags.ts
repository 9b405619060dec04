/**
 * System.Net.WebSockets.WebSocketMessageFlags: options for one SendAsync call.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.websockets.websocketmessageflags
 */

/** Bit flags for `SendAsync(buffer, type, flags, token)`; combine them with `|`. */
export enum WebSocketMessageFlags {
  /** No flags: the message continues in a later call. */
  None = 0,
  /** This call ends the message. */
  EndOfMessage = 1,
  /** Send this message uncompressed even when permessage-deflate was negotiated. */
  DisableCompression = 2,
}
