/**
 * The set of documents whose token statuses change with time, and the one timer that fires when the
 * nearest exp/nbf among them is reached. Tracking and scheduling live together so that no change to
 * the set can leave a stale timer behind. Pure (no `vscode`): unit-tested with real timers.
 */
import { nextStateChange, type IndexedToken } from './tokenIndex';

// setTimeout overflows above 2^31 − 1 ms; and relative wording ("expired 3 h ago") should not get
// too stale, so statuses are recomputed (from cache) at least hourly.
/** The longest wait between two recomputations while anything is tracked. */
export const MAX_TIMER_MS = 60 * 60 * 1000;
/** Fire this long after an exp/nbf, so "now" is past it when statuses are recomputed. */
export const TIMER_SLACK_MS = 50;

/**
 * Documents (any value carrying its `tokens`) by key, with a timer that calls `onDue` when the nearest
 * exp/nbf is reached (at most {@link MAX_TIMER_MS} away), then reschedules. Nothing tracked, no timer.
 *
 * @example
 * const timer = new ExpiryTimer<{ tokens: IndexedToken[] }>(() => republish());
 * timer.set('file:///a.json', { tokens });
 * timer.delete('file:///a.json'); // the last one: the timer is cleared
 */
export class ExpiryTimer<T extends { readonly tokens: readonly IndexedToken[] }> {
  private readonly tracked = new Map<string, T>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private delay: number | undefined;

  constructor(
    private readonly onDue: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Tracks (or updates) `key` and reschedules. */
  set(key: string, value: T): void {
    this.tracked.set(key, value);
    this.schedule();
  }

  /** Stops tracking `key` and reschedules (clearing the timer when nothing is left). */
  delete(key: string): void {
    if (this.tracked.delete(key)) this.schedule();
  }

  /** The tracked values, in insertion order. */
  values(): IterableIterator<T> {
    return this.tracked.values();
  }

  get size(): number {
    return this.tracked.size;
  }

  /** The delay, in ms, the pending timer was set with; undefined when no timer is pending. */
  get pendingDelay(): number | undefined {
    return this.delay;
  }

  /** Clears the timer and forgets everything. */
  dispose(): void {
    this.clear();
    this.tracked.clear();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.delay = undefined;
  }

  private schedule(): void {
    this.clear();
    if (this.tracked.size === 0) return;
    const nowMs = this.now();
    let next: number | undefined;
    for (const { tokens } of this.tracked.values()) {
      const at = nextStateChange(tokens, nowMs);
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
    const delay = Math.max(0, Math.min(MAX_TIMER_MS, next === undefined ? MAX_TIMER_MS : next - nowMs + TIMER_SLACK_MS));
    this.delay = delay;
    this.timer = setTimeout(() => {
      this.clear();
      this.onDue();
      this.schedule();
    }, delay);
  }
}
