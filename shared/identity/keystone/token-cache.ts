/** Entries kept at most; the oldest go first. A hostile client can send many distinct tokens. */
const MAX_ENTRIES = 10_000;

/**
 * Validation results by token digest, each trusted until the cache TTL or its own expiry
 * (minus a margin, so a token is never used right up to the second Keystone stops accepting it).
 */
export class TokenCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private static readonly EXPIRY_MARGIN_MS = 30_000;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string): { hit: true; value: V } | { hit: false } {
    const entry = this.entries.get(key);
    if (!entry) return { hit: false };
    if (entry.until <= this.now()) {
      this.entries.delete(key);
      return { hit: false };
    }
    return { hit: true, value: entry.value };
  }

  set(key: string, value: V, expiresAt?: number): void {
    if (this.ttlMs <= 0) return;
    const now = this.now();
    const until = Math.min(now + this.ttlMs, expiresAt === undefined ? Number.POSITIVE_INFINITY : expiresAt - TokenCache.EXPIRY_MARGIN_MS);
    if (until <= now) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, until });
  }
}
