// The reference side of the benchmarks (ws-async): raw ws under the seed's code shape, which reads
// with an awaited receive per message and awaits each send's completion where SendAsync is awaited;
// and the raw ws round-trip loop (its event API) that the ws and Kestrel sides share.

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

/**
 * The raw ws side of the round-trip scenario (its event API, not the seed's shape): one message out, the
 * next sent from the echo's 'message' event, until `end`; resolves with the number of round trips.
 */
export function wsRoundTrips(ws, msg, end) {
  return new Promise((resolve) => {
    let n = 0;
    const onMessage = () => {
      n++;
      if (performance.now() < end) ws.send(msg);
      else {
        ws.off('message', onMessage);
        resolve(n);
      }
    };
    ws.on('message', onMessage);
    ws.send(msg);
  });
}
