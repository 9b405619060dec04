// The reference side of the benchmarks (ws-async): raw ws under the seed's code shape, which reads
// with an awaited receive per message and awaits each send's completion where SendAsync is awaited.

/** ws's 'message' events queued for an awaited receive loop, as the seed reads. */
export class MessageQueue {
  #queue = [];
  #waiter = null;

  constructor(ws) {
    ws.on('message', (data, isBinary) => this.#deliver({ data, isBinary }));
    ws.on('close', () => this.#deliver(null));
  }

  /** The next message ({ data, isBinary }), or null once the connection closed. */
  receive() {
    return this.#queue.length > 0 ? Promise.resolve(this.#queue.shift()) : new Promise((resolve) => (this.#waiter = resolve));
  }

  #deliver(message) {
    const waiter = this.#waiter;
    if (waiter === null) this.#queue.push(message);
    else {
      this.#waiter = null;
      waiter(message);
    }
  }
}

/** Sends and resolves once ws reports the message written, as an awaited SendAsync completes. */
export function sendAwaited(ws, data, options) {
  return new Promise((resolve, reject) => ws.send(data, options, (err) => (err ? reject(err) : resolve())));
}
