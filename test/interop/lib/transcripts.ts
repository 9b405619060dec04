// Transcripts of many scenarios at once, as a server half writes them (connections side by side) or a
// Mono process prints them ("<scenario>|<line>", "<scenario>|end").
export class TranscriptSet {
  readonly #lines = new Map<string, string[]>();
  readonly #ended = new Set<string>();
  #waiters: Array<() => void> = [];

  /** The (live) array of `scenario`'s lines. */
  open(scenario: string): string[] {
    let lines = this.#lines.get(scenario);
    if (!lines) this.#lines.set(scenario, (lines = []));
    return lines;
  }

  /** Appends a line to `scenario`'s transcript. */
  add(scenario: string, line: string): void {
    this.open(scenario).push(line);
  }

  /** Marks `scenario` finished. */
  end(scenario: string): void {
    if (!this.#lines.has(scenario)) this.#lines.set(scenario, []);
    this.#ended.add(scenario);
    for (const w of this.#waiters.splice(0)) w();
  }

  /** Parses one line of a Mono process's output. */
  addOutput(line: string): void {
    const bar = line.indexOf('|');
    if (bar < 0) return;
    const scenario = line.slice(0, bar);
    const rest = line.slice(bar + 1);
    if (rest === 'end') this.end(scenario);
    else this.add(scenario, rest);
  }

  get(scenario: string): string[] | undefined {
    return this.#lines.get(scenario);
  }

  /** Resolves once every scenario in `names` has ended; rejects after `timeoutMs` naming the rest. */
  async waitFor(names: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = names.filter((n) => !this.#ended.has(n));
      if (missing.length === 0) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`server transcripts not finished: ${missing.join(', ')}`);
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
