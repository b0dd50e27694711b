/**
 * The hover Markdown: what a person reads (claims, status, warnings, the engine's message for a broken
 * token) and that token data can never become Markdown (table breaks, live links, HTML).
 * Vectors: RFC 7519 §3.1, RFC 7516 A.1, and hand-written hostile claims (spelled out below).
 */
import * as assert from 'node:assert/strict';
import { base64url } from 'jose';
import { buildHoverMarkdown } from '../../src/editor/hover/hoverMarkdown';
import { codeSpan, escapeMarkdownText } from '../../src/editor/markdown';
import { RFC7516_A1, RFC7519_3_1 } from './fixtures/rfc-tokens';

/** Markdown with backslash escapes removed: roughly what the rendered text reads. */
function visible(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** GFM table cell split (spec example 200 / marked's splitCells): a pipe splits unless escaped by an odd run of backslashes. */
function cells(row: string): string[] {
  const out: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const c = row.charAt(i);
    let slashes = 0;
    for (let j = i - 1; j >= 0 && row.charAt(j) === '\\'; j--) slashes++;
    if (c === '|' && slashes % 2 === 0) {
      out.push(cell);
      cell = '';
    } else cell += c;
  }
  out.push(cell);
  return out.slice(1, -1).map(s => s.trim().replace(/\\\|/g, '|'));
}

function tableRows(md: string): string[] {
  return md.split('\n').filter(l => l.startsWith('|') && !l.startsWith('|---'));
}

function token(header: object, claims: object): string {
  const enc = (o: object): string => base64url.encode(new TextEncoder().encode(JSON.stringify(o)));
  return `${enc(header)}.${enc(claims)}.c2ln`;
}

const ref = { uri: 'file:///work/tokens.json', offset: 42 };

describe('editor: hover Markdown', () => {
  it('shows the RFC 7519 §3.1 claims, the algorithm and "expires in 43 min" before exp (18:43 UTC)', () => {
    const { markdown } = buildHoverMarkdown(RFC7519_3_1, { now: new Date('2011-03-22T18:00:00Z'), timeZone: 'utc' });
    const text = visible(markdown);
    assert.match(text, /\*\*JWT\*\* · `HS256` — \*\*Valid — expires in 43 min\*\*/);
    assert.ok(text.includes('`joe`'), 'iss value shown');
    assert.ok(text.includes('2011-03-22T18:43:00Z (Tue, 22 Mar 2011 18:43 UTC) — expires in 43 min'), 'exp in words');
    assert.ok(text.includes('`http://example.com/is_root`'), 'unregistered claim name shown');
    assert.ok(text.includes('| Algorithm `alg` | HS256 — HMAC'), 'alg in words');
  });

  it('says "Expired 1 year ago" a year (366 days, 2012 is leap) after exp', () => {
    const { markdown } = buildHoverMarkdown(RFC7519_3_1, { now: new Date('2012-03-22T18:43:00Z'), timeZone: 'utc' });
    assert.match(visible(markdown), /\*\*Expired 1 year ago\*\*/);
  });

  it('shows a JWE (RFC 7516 A.1) as encrypted with RSA-OAEP / A256GCM, header only, no payload link', () => {
    const { markdown, commands } = buildHoverMarkdown(RFC7516_A1, { ref });
    const text = visible(markdown);
    assert.match(text, /\*\*JWE\*\* · `RSA-OAEP \/ A256GCM` — \*\*Encrypted/);
    assert.ok(text.includes('| Encryption Algorithm `enc` | A256GCM — AES'), 'enc in words');
    assert.ok(!text.includes('**Claims**'));
    assert.ok(!commands.includes('jwtWorkbench.copyPayload'));
    assert.ok(commands.includes('jwtWorkbench.copyHeader'));
    assert.ok(text.includes('Not decrypted: only the protected header is readable'), 'a JWE has no signature to speak of');
    assert.ok(!text.includes('signature is not verified'));
  });

  it("gives the engine's exact reason for a token whose payload has a '*' (sample/malformed.txt)", () => {
    const { markdown, commands } = buildHoverMarkdown('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln', { ref });
    assert.equal(
      visible(markdown),
      "**Malformed JWT** — The payload (part 2) is not valid base64url: unexpected character '*' at position 14.",
    );
    assert.deepEqual(commands, []);
  });

  it('links decode, copy header, copy payload, verify and open-in-panel with { uri, offset } arguments', () => {
    const { markdown, commands } = buildHoverMarkdown(RFC7519_3_1, { ref });
    assert.deepEqual(commands, ['jwtWorkbench.decodeToken', 'jwtWorkbench.copyHeader', 'jwtWorkbench.copyPayload', 'jwtWorkbench.verifyToken', 'jwtWorkbench.openInPanel']);
    const links = [...markdown.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)];
    assert.equal(links.length, 5);
    for (const [, , args] of links) assert.deepEqual(JSON.parse(decodeURIComponent(args ?? '')), [ref]);
  });

  it('has no command links without a document reference', () => {
    const { markdown, commands } = buildHoverMarkdown(RFC7519_3_1);
    assert.deepEqual(commands, []);
    assert.ok(!markdown.includes('command:'));
  });

  describe('hostile claim values stay text', () => {
    const evil = 'a|b`c`` [click](command:workbench.action.terminal.new) <img src=x> \\|d';
    const hostile = token(
      { alg: 'HS256', jku: 'https://x.example/[k](command:workbench.action.terminal.new)' },
      { sub: 'x|y', 'n|a`me': 'v', evil, exp: 1300819380 },
    );
    const { markdown, commands } = buildHoverMarkdown(hostile, { ref, now: new Date('2011-01-01T00:00:00Z') });

    it('keeps every table row at exactly two cells', () => {
      const rows = tableRows(markdown);
      assert.ok(rows.length >= 6, `rows: ${rows.length}`);
      for (const row of rows) assert.equal(cells(row).length, 2, row);
    });

    it('shows a value with pipes, backticks and a link verbatim inside one code span', () => {
      const row = tableRows(markdown).find(r => r.includes('terminal.new') && r.includes('evil'));
      assert.ok(row, 'row for "evil"');
      const value = cells(row)[1] ?? '';
      const fence = /^(`+) ?/.exec(value)?.[1] ?? '';
      assert.ok(fence.length >= 3, `fence longer than the value's backtick runs: ${value}`);
      // The only display difference allowed: one backslash of `\|` (documented in markdown.ts).
      assert.equal(value.slice(fence.length, -fence.length).trim(), evil.replace('\\|', '|'));
      assert.equal(cells(tableRows(markdown).find(r => r.includes('x|y') || r.includes('x\\|y')) ?? '')[1], '`x|y`');
    });

    it('has no live link other than its own jwtWorkbench commands', () => {
      // Code spans are inert (CommonMark §6.1): drop them, then look for link syntax.
      const outside = markdown.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
      const targets = [...outside.matchAll(/(?<!\\)\]\((?<!\\)([a-z-]+):/g)].map(m => m[1]);
      assert.ok(targets.every(t => t === 'command'), targets.join(','));
      const commandsUsed = [...outside.matchAll(/(?<!\\)\]\(command:([\w.]+)/g)].map(m => m[1]);
      assert.ok(commandsUsed.every(c => c?.startsWith('jwtWorkbench.')), commandsUsed.join(','));
      assert.ok(commands.every(c => c.startsWith('jwtWorkbench.')));
    });

    it('escapes the jku URL quoted in the warning', () => {
      const warning = markdown.split('\n').find(l => l.startsWith('- ⚠️') && l.includes('jku'));
      assert.ok(warning, 'jku warning shown');
      assert.ok(!/(?<!\\)[[\]()<>]/.test(warning.replace(/^- ⚠️ /, '')), warning);
      assert.ok(visible(warning).includes('https://x.example/[k](command:workbench.action.terminal.new)'));
    });
  });
});

describe('editor: Markdown escaping helpers', () => {
  it('escapes every punctuation character of a link so it reads as text', () => {
    assert.equal(escapeMarkdownText('[a](command:x)'), '\\[a\\]\\(command\\:x\\)');
  });

  it('puts a line break of a value on one line', () => {
    assert.equal(escapeMarkdownText('a\nb'), 'a b');
    assert.equal(codeSpan('a\r\nb'), '`a b`');
  });

  it('fences a code span with more backticks than the value has in a row, padding a leading backtick', () => {
    assert.equal(codeSpan('a``b'), '```a``b```');
    assert.equal(codeSpan('`x'), '`` `x ``');
  });
});
