/**
 * A connection keeps the process alive only while an operation on it is pending, as a .NET program exits
 * when `Main` returns: a console client that returns without closing exits instead of hanging.
 * (src/engine/README.md says what this folder owns.)
 */
import type { Duplex } from 'node:stream';

type Refable = Duplex & { ref?: () => void; unref?: () => void };

export class ProcessHold {
  /**
   * The hold of every server-side connection, which does nothing: a server's connections live as long as
   * its listener keeps the process alive, so only clients count (one object shared by all of them).
   */
  static readonly NONE: ProcessHold = new ProcessHold(null);

  readonly #stream: Refable | null;
  /** False for {@link NONE}. */
  readonly #enabled: boolean;
  /** Operations pending. */
  #busy = 0;
  /** The stream is ref'd (keeps the process alive). */
  #refd = true;

  /** The hold of a client's `stream`; a server's connection takes {@link NONE}. */
  static of(stream: Duplex, isServer: boolean): ProcessHold {
    return isServer ? ProcessHold.NONE : new ProcessHold(stream);
  }

  private constructor(stream: Duplex | null) {
    this.#stream = stream;
    this.#enabled = stream !== null;
  }

  /** An operation started: the stream keeps the process alive. */
  ref(): void {
    if (!this.#enabled) return;
    this.#busy++;
    if (!this.#refd) {
      this.#refd = true;
      this.#stream!.ref?.();
    }
  }

  /**
   * An operation ended: with none left, the stream no longer keeps the process alive. Done at once: the
   * event loop only asks whether anything keeps it alive once the microtasks ran, so a loop that receives
   * again as soon as its receive completes has ref'd the stream again by then. (Un-ref'ing a socket is a
   * flag on its handle, no system call: cheaper than a turn of the event loop to check later.)
   */
  unref(): void {
    if (!this.#enabled) return;
    if (this.#busy > 0) this.#busy--;
    if (this.#busy === 0 && this.#refd) {
      this.#refd = false;
      this.#stream!.unref?.();
    }
  }
}
