/**
 * Gathers the lookups asked for during one turn of the event loop and runs them as one batch when
 * the turn ends (setImmediate), like Facebook's DataLoader: under load, requests that arrive together
 * share one database round trip instead of one each. Each caller gets its own answer (or `undefined`
 * when the batch found nothing for its key); a failed batch fails every caller in it. Keys asked twice
 * in one turn are looked up once.
 */
export class TickBatcher<K, V> {
  private pending = new Map<K, Array<{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }>>();
  private scheduled = false;

  constructor(
    private readonly run: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 500,
  ) {}

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.pending.get(key);
      if (waiting !== undefined) waiting.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.run([...batch.keys()]).then(
      (found) => {
        for (const [key, waiting] of batch) for (const caller of waiting) caller.resolve(found.get(key));
      },
      (error: unknown) => {
        for (const waiting of batch.values()) for (const caller of waiting) caller.reject(error);
      },
    );
  }
}
