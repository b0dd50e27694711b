/**
 * The decode surface (hover, Decode Token, CodeLens, expiry diagnostics) in VS Code for the Web: the
 * extension's `browser` bundle (dist/web/extension.js) running in the web-worker extension host, as
 * vscode.dev and github.dev run it. Tokens come from the sample workspace (sample/tokens.json, made by
 * scripts/make-samples.ts: RS256/ES256 valid until 2099, HS256 expired 2024-03-01), read through
 * `vscode.workspace.fs`; expected headers and claims are decoded with jose's base64url, not with ours.
 */
import * as vscode from 'vscode';
import { SAMPLE_TOKENS_LENSES, hoverText, lensTitles, tokenPart as part, until } from '../shared/editorProbes';
import { deepEqual, equal, fail, match, ok } from './assert';
import { isWebWorker } from './host';

const extensionId = 'jwt-workbench.jwt-workbench';


/** JSON of a decoded view: comment lines and trailing `// …` comments removed. */
function decodedJson(text: string): Record<string, unknown> {
  const json = text.split('\n').filter(l => !l.trimStart().startsWith('//')).map(l => l.replace(/ \/\/ .*$/, '')).join('\n');
  return JSON.parse(json) as Record<string, unknown>;
}

function untitled(content: string): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument({ content, language: 'plaintext' });
}

describe('decode in VS Code for the Web (web-worker extension host)', () => {
  let tokensUri: vscode.Uri;
  let tokens: Record<string, string>;
  const token = (name: string): string => tokens[name] ?? fail(`${name} is in sample/tokens.json`);

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0] ?? fail('the sample workspace is open');
    tokensUri = vscode.Uri.joinPath(folder.uri, 'tokens.json');
    tokens = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(tokensUri))) as Record<string, string>;
    await vscode.extensions.getExtension(extensionId)?.activate();
  });

  it('runs the browser bundle: active in this web worker, UI kind Web, no Node', () => {
    const extension = vscode.extensions.getExtension(extensionId) ?? fail(`${extensionId} is installed`);
    equal(vscode.env.uiKind, vscode.UIKind.Web, 'vscode.env.uiKind');
    // isActive reports this extension host only: the extension was activated here, in a web worker,
    // where only the `browser` entry can load (the `main` one needs Node's require).
    ok(extension.isActive, 'the extension is active in this extension host');
    equal(extension.extensionKind, vscode.ExtensionKind.UI, 'extensionKind (UI: beside the workbench, not on the server)');
    equal((extension.packageJSON as { browser?: unknown }).browser, './dist/web/extension.js');
    ok(isWebWorker(), 'this extension host is a web worker');
    equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'typeof process');
  });

  it('hovers a token in an untitled document with its claims, algorithm and status', async () => {
    const doc = await untitled(`Authorization: Bearer ${token('access_token')}\n`);
    const text = await hoverText(doc.uri, new vscode.Position(0, 40));
    ok(text.includes('alice@example.com'), text);
    ok(text.includes('RS256'), text);
    match(text, /Valid — expires in \d+ years/);
  });

  it("hovers a malformed token with the engine's exact reason", async () => {
    const doc = await untitled('payload with bad base64url: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln\n');
    const text = await hoverText(doc.uri, doc.positionAt(doc.getText().indexOf('eyJzdWIiOiJ4I*0') + 3));
    ok(text.includes("The payload (part 2) is not valid base64url: unexpected character '*' at position 14."), text);
  });

  it('Decode Token with { token } opens a jwt-decoded: view with its header and payload as JSON', async () => {
    const service = token('service_token');
    const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeToken', { token: service });
    ok(uri, 'a decoded view opened');
    equal(uri.scheme, 'jwt-decoded');
    const view = await vscode.workspace.openTextDocument(uri);
    const json = decodedJson(view.getText());
    deepEqual(json.header, part(service, 0), 'header');
    deepEqual(json.payload, part(service, 1), 'payload');
    equal(view.languageId, 'jsonc');
  });

  it('puts a CodeLens above each token of tokens.json, titled by kind, algorithm and status', async () => {
    const doc = await vscode.workspace.openTextDocument(tokensUri); // the provider command needs an open model
    const titles = await lensTitles(doc.uri);
    equal(titles.length, SAMPLE_TOKENS_LENSES.length, titles.join(' | '));
    SAMPLE_TOKENS_LENSES.forEach((re, i) => match(titles[i] ?? '', re, `lens ${i + 1}`));
  });

  it('reports an expired token in an untitled document as a diagnostic', async () => {
    const expired = token('expired_token');
    const doc = await untitled(`TOKEN=${expired}\n`);
    await vscode.window.showTextDocument(doc);
    const diagnostics = await until(
      'the expiry diagnostic',
      () => vscode.languages.getDiagnostics(doc.uri).filter(d => d.source === 'JWT Workbench'),
      d => d.length > 0,
    );
    equal(diagnostics.length, 1);
    const diagnostic = diagnostics[0] ?? fail('one diagnostic');
    equal(doc.getText(diagnostic.range), expired, 'the diagnostic covers the token');
    match(diagnostic.message, /^JWT expired \d+ (years?|months?) ago \(exp Fri, 1 Mar 2024 \d\d:00 (local|UTC)\)$/);
  });
});
