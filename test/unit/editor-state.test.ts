/**
 * State the editor surface keeps between events, tested without VS Code: the rule behind the
 * `jwtWorkbench.tokenSelected` context key, the one expiry timer (cleared when nothing is tracked),
 * and what the log says when something other than an Error is thrown.
 * Vectors: RFC 7519 §3.1 (exp 1300819380 = 2011-03-22T18:43:00Z), RFC 7516 A.1 (JWE), and the sample
 * workspace's malformed string (payload with a `*`).
 */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { ExpiryTimer, MAX_TIMER_MS, TIMER_SLACK_MS } from '../../src/editor/expiry/expiryTimer';
import { indexTokens, type IndexedToken } from '../../src/editor/expiry/tokenIndex';
import { MAX_SELECTION, selectionHoldsToken } from '../../src/editor/cursor/tokenSelection';
import { createLogger } from '../../src/log';
import { RFC7516_A1, RFC7519_3_1 } from './fixtures/rfc-tokens';

const EXP_MS = Date.UTC(2011, 2, 22, 18, 43); // RFC 7519 §3.1 exp
const BAD_B64 = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln'; // sample/malformed.txt

describe('editor: the token-selected context key rule', () => {
  const holds = (text: string): boolean => selectionHoldsToken(text.length, () => text);

  it('is true for a selection holding a token, with text around it', () => {
    assert.equal(holds(`Authorization: Bearer ${RFC7519_3_1}\n`), true);
    assert.equal(holds(`"enc": "${RFC7516_A1}"`), true);
  });

  it('is true for a selected token the decoder will reject, so Decode Token can say why', () => {
    assert.equal(holds(BAD_B64), true);
  });

  it('is false for a cursor (an empty selection), without reading the document', () => {
    let reads = 0;
    assert.equal(selectionHoldsToken(0, () => (reads++, RFC7519_3_1)), false);
    assert.equal(reads, 0);
  });

  it('is false for dotted text that is not a token', () => {
    assert.equal(holds('com.example.Foo a.b.c 1.2.3 eyJ'), false);
    assert.equal(holds('keyJhbGciOiJub25lIn0.e30.'), false); // eyJ glued inside a word
  });

  it('does not read a selection longer than 64 KiB', () => {
    let reads = 0;
    assert.equal(selectionHoldsToken(MAX_SELECTION + 1, () => (reads++, RFC7519_3_1)), false);
    assert.equal(reads, 0);
  });

  it('answers a 64 KiB run of eyJeyJ… at once (it runs on every selection pause)', () => {
    const hostile = 'eyJ'.repeat(Math.floor(MAX_SELECTION / 3));
    const started = performance.now();
    assert.equal(holds(hostile), false);
    const ms = performance.now() - started;
    assert.ok(ms < 250, `took ${ms.toFixed(0)} ms`);
  });
});

describe('editor: the expiry timer', () => {
  const tokens: IndexedToken[] = indexTokens(`token: ${RFC7519_3_1}`);
  const timers: ExpiryTimer<{ tokens: IndexedToken[] }>[] = [];
  const make = (now: () => number, onDue: () => void = () => undefined): ExpiryTimer<{ tokens: IndexedToken[] }> => {
    const t = new ExpiryTimer<{ tokens: IndexedToken[] }>(onDue, now);
    timers.push(t);
    return t;
  };
  afterEach(() => timers.splice(0).forEach(t => t.dispose()));

  it('waits until just past the nearest exp of a tracked document', () => {
    assert.equal(tokens[0]?.expMs, EXP_MS);
    const timer = make(() => EXP_MS - 10 * 60_000);
    timer.set('untitled:Untitled-1', { tokens });
    assert.equal(timer.pendingDelay, 10 * 60_000 + TIMER_SLACK_MS);
  });

  it('waits at most an hour (relative wording stays fresh), also when every token already expired', () => {
    const early = make(() => EXP_MS - 5 * 60 * 60_000);
    early.set('a', { tokens });
    assert.equal(early.pendingDelay, MAX_TIMER_MS);
    const late = make(() => EXP_MS + 60_000);
    late.set('a', { tokens });
    assert.equal(late.pendingDelay, MAX_TIMER_MS);
  });

  it('clears the timer when the last tracked document is forgotten, and it never fires', async () => {
    let fired = 0;
    const timer = make(() => EXP_MS - 20, () => fired++);
    timer.set('a', { tokens });
    timer.set('b', { tokens });
    timer.delete('a');
    assert.ok(timer.pendingDelay !== undefined, 'one document still tracked');
    timer.delete('b');
    assert.equal(timer.pendingDelay, undefined);
    await new Promise(r => setTimeout(r, 200));
    assert.equal(fired, 0);
  });

  it('fires once the exp is reached, then reschedules for the hourly refresh', async () => {
    let now = EXP_MS - 20;
    let fired = 0;
    const timer = make(() => now, () => {
      fired++;
      now = EXP_MS + 100;
    });
    timer.set('a', { tokens });
    // Poll rather than sleep a fixed time: a loaded machine may run the timer late, never early.
    for (let waited = 0; fired === 0 && waited < 3000; waited += 25) await new Promise(r => setTimeout(r, 25));
    assert.equal(fired, 1);
    assert.equal(timer.pendingDelay, MAX_TIMER_MS);
  });
});

describe('log: errors', () => {
  const capture = (): { lines: string[]; channel: vscode.LogOutputChannel } => {
    const lines: string[] = [];
    const channel = { error: (m: string) => lines.push(m) } as unknown as vscode.LogOutputChannel;
    return { lines, channel };
  };

  it('includes what was thrown when it is a string, not only an Error', () => {
    const { lines, channel } = capture();
    createLogger(channel).scoped('decode').error('decode failed', 'the clipboard could not be read');
    assert.deepEqual(lines, ['[decode] decode failed: the clipboard could not be read']);
  });

  it("includes an Error's message", () => {
    const { lines, channel } = capture();
    createLogger(channel, 'decode').error('copy header failed', new RangeError('Invalid time value'));
    assert.deepEqual(lines, ['[decode] copy header failed: Invalid time value']);
  });

  it('says there are no details for a thrown object, never [object Object]', () => {
    const { lines, channel } = capture();
    createLogger(channel).error('open in panel failed', { reason: 42 });
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^open in panel failed: \S/);
    assert.ok(!(lines[0] ?? '').includes('[object Object]'), lines[0]);
  });

  it('logs the message alone when no error is given', () => {
    const { lines, channel } = capture();
    createLogger(channel).error('view closed unexpectedly');
    assert.deepEqual(lines, ['view closed unexpectedly']);
  });
});
