/**
 * What the integration suites (Node extension host and web worker) use to look at the editor
 * surface from outside: hover text as a person reads it, token parts decoded independently of the
 * extension, and polling until VS Code has caught up. Browser-safe: only `vscode` and `jose`.
 */
import { base64url } from 'jose';
import * as vscode from 'vscode';

/** A token's header (0) or payload (1) as JSON, decoded with jose's base64url, not with our decoder. */
export function tokenPart(token: string, index: 0 | 1): unknown {
  return JSON.parse(new TextDecoder().decode(base64url.decode(token.split('.')[index] ?? '')));
}

/** Hover Markdown as a person reads it (backslash escapes removed), ours and any other provider's. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap(h => h.contents)
    .map(c => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Polls `probe` until `done` holds, or fails after `ms` naming what it waited for and the last value. */
export async function until<T>(what: string, probe: () => T | Promise<T>, done: (v: T) => boolean, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise(r => setTimeout(r, 100));
    value = await probe();
  }
  return value;
}

/**
 * The titles of our status CodeLenses in a document (the Decode Token lenses), top to bottom. Our lenses get
 * their title when resolved: the first `resolve` lenses are, as VS Code does for those on screen (two a token:
 * its status, then Sign/Verify).
 */
export async function lensTitles(uri: vscode.Uri, resolve = 100): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, resolve)) ?? [];
  return lenses.filter(l => l.command?.command === 'jwtWorkbench.decodeToken').map(l => l.command?.title ?? '');
}

/** What the lenses of sample/tokens.json say, in order (see scripts/make-samples.ts). */
export const SAMPLE_TOKENS_LENSES: readonly RegExp[] = [
  /^JWT · RS256 · expires in \d+ years$/,
  /^JWT · ES256 · expires in \d+ years$/,
  /^JWT · EdDSA · expires in \d+ years$/,
  /^JWT · HS256 · expired \d+ (years?|months?) ago$/,
  /^JWT · ES256 · not yet valid \(valid in \d+ years\)$/,
  /^JWE · RSA-OAEP-256 \/ A256GCM$/,
];
