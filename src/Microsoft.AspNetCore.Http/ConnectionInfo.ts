/**
 * Microsoft.AspNetCore.Http.ConnectionInfo: the connection a request came on.
 * @see https://learn.microsoft.com/dotnet/api/microsoft.aspnetcore.http.connectioninfo
 */
import type { Socket } from 'node:net';

// Kestrel's connection ids: 13 characters of base32 (0-9, A-V) from a 64-bit counter, most significant
// digit first. Ours are numbers below 2^53, formatted only when an id is asked for.
const BASE32 = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/**
 * Kestrel's connection ids come from a counter seeded by the clock: connection number n (0, 1, …) has id
 * CONNECTION_ID_BASE + n, so that each ConnectionInfo keeps a small integer rather than a boxed double.
 */
const CONNECTION_ID_BASE = Date.now() * 1000;

/** @internal Formats a connection number as Kestrel formats its connection ids. */
export function formatConnectionId(n: number): string {
  const digits = new Array<string>(13);
  for (let i = 12; i >= 0; i--) {
    digits[i] = BASE32[n % 32]!;
    n = Math.floor(n / 32);
  }
  return digits.join('');
}

/**
 * @internal The address and port of a listener bound to one address: those of every connection it
 * accepts, known without asking each socket (which makes Node keep an object and a string per socket).
 */
export interface LocalEndpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * Addresses and id of the underlying connection.
 *
 * @remarks Differs from .NET: addresses are strings as Node reports them (an IPv4 client of a dual-stack
 * listener shows as "::ffff:127.0.0.1"), not IPAddress objects.
 */
export class ConnectionInfo {
  /** The connection's number on this host (0 for the first); Id formats it. */
  readonly #number: number;
  /** Captured while the socket is open: Node forgets the addresses once it is destroyed. */
  readonly #remoteAddress: string | null;
  readonly #remotePort: number;
  readonly #localAddress: string | null;
  readonly #localPort: number;

  /**
   * @internal Created by the host for each connection; `local`: the listener's own address, when it is
   * bound to one (else the socket is asked).
   */
  constructor(socket: Socket, number: number, local: LocalEndpoint | null = null) {
    this.#number = number;
    this.#remoteAddress = socket.remoteAddress ?? null;
    this.#remotePort = socket.remotePort ?? 0;
    this.#localAddress = local !== null ? local.address : (socket.localAddress ?? null);
    this.#localPort = local !== null ? local.port : (socket.localPort ?? 0);
  }

  /** The connection id, unique for the life of the process (Kestrel style, e.g. "0HN7…"). */
  get Id(): string {
    return formatConnectionId(CONNECTION_ID_BASE + this.#number);
  }

  /** The client's IP address, or null when unknown. */
  get RemoteIpAddress(): string | null {
    return this.#remoteAddress;
  }

  /** The client's port. */
  get RemotePort(): number {
    return this.#remotePort;
  }

  /** The server's IP address on this connection, or null when unknown. */
  get LocalIpAddress(): string | null {
    return this.#localAddress;
  }

  /** The server's port on this connection. */
  get LocalPort(): number {
    return this.#localPort;
  }
}
