// Transcripts of many scenarios at once, as a server half writes them (connections side by side) or a
// .NET process prints them ("<key>|<line>", "<key>|end"). Lines of a .NET process without a key (the
// seed programs' console output) are kept apart, in `console`.
export class TranscriptSet {
  readonly #lines = new Map<string, string[]>();
  readonly #ended = new Set<string>();
  #waiters: Array<() => void> = [];
  readonly console: string[] = [];

  /** The (live) array of `key`'s lines. */
  open(key: string): string[] {
    let lines = this.#lines.get(key);
    if (!lines) this.#lines.set(key, (lines = []));
    return lines;
  }

  /** Marks `key` finished. */
  end(key: string): void {
    this.open(key);
    this.#ended.add(key);
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Parses one line of a .NET process's output. */
  addOutput(line: string): void {
    const bar = line.indexOf('|');
    if (bar < 0) {
      this.console.push(line);
      return;
    }
    const key = line.slice(0, bar);
    const rest = line.slice(bar + 1);
    if (rest === 'end') this.end(key);
    else this.open(key).push(rest);
  }

  get(key: string): string[] | undefined {
    return this.#lines.get(key);
  }

  keys(): string[] {
    return [...this.#lines.keys()];
  }

  /** Resolves once every key in `keys` has ended; after `timeoutMs` resolves anyway and names the rest. */
  async waitFor(keys: readonly string[], timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = keys.filter((n) => !this.#ended.has(n));
      const left = deadline - Date.now();
      if (missing.length === 0 || left <= 0) return missing;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
