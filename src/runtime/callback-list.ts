/**
 * The registration list behind a CancellationTokenSource: a doubly linked list, newest first, so that
 * registering and unregistering are O(1) (the WebSocket core registers once per ReceiveAsync) and Cancel
 * walks the callbacks in reverse registration order, as .NET does.
 */

/** One registered callback. `list` is null once it was removed or has started running. */
export interface CallbackNode {
  callback: (state: unknown, token: unknown) => void;
  state: unknown;
  token: unknown;
  prev: CallbackNode | null;
  next: CallbackNode | null;
  list: CallbackList | null;
}

export class CallbackList {
  /** The most recent registration. */
  head: CallbackNode | null = null;
  /** How many callbacks are registered (tests use it to prove linked sources detach). */
  size = 0;

  add(callback: CallbackNode['callback'], state: unknown, token: unknown): CallbackNode {
    const node: CallbackNode = { callback, state, token, prev: null, next: this.head, list: this };
    if (this.head !== null) this.head.prev = node;
    this.head = node;
    this.size++;
    return node;
  }

  /** Unlinks `node`; false when it is not (or no longer) in this list. */
  remove(node: CallbackNode): boolean {
    if (node.list !== this) return false;
    if (node.prev !== null) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next !== null) node.next.prev = node.prev;
    node.prev = node.next = null;
    node.list = null;
    this.size--;
    return true;
  }

  /** Removes and returns the newest node, or null when empty. */
  shift(): CallbackNode | null {
    const node = this.head;
    if (node !== null) this.remove(node);
    return node;
  }

  /** Detaches every node (their registrations then report that they were not registered). */
  clear(): void {
    while (this.shift() !== null);
  }
}
