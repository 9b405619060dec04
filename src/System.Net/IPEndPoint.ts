/**
 * System.Net.IPEndPoint: an IP address and a port.
 *
 * @see https://learn.microsoft.com/dotnet/api/system.net.ipendpoint
 */

/**
 * A network end point, as `HttpListenerRequest.RemoteEndPoint` and `LocalEndPoint` give it.
 *
 * @remarks Differs from .NET: `Address` is the address as Node reports it (a string, an IPv4 client of a
 * dual-stack listener shows as "::ffff:127.0.0.1"), not an IPAddress object.
 */
export class IPEndPoint {
  /** The IP address. */
  readonly Address: string;
  /** The port. */
  readonly Port: number;

  /** @param address The IP address. @param port The port. */
  constructor(address: string, port: number) {
    this.Address = address;
    this.Port = port;
    Object.freeze(this);
  }

  /** "address:port", with an IPv6 address in brackets, as .NET prints it. */
  ToString(): string {
    return this.Address.includes(':') ? `[${this.Address}]:${this.Port}` : `${this.Address}:${this.Port}`;
  }

  /** Same as {@link IPEndPoint.ToString}, so template strings print as C# interpolation does. */
  toString(): string {
    return this.ToString();
  }
}
