/**
 * The editor surface in a real extension host: hovers, decode/copy commands, the decoded view,
 * CodeLens and expiry diagnostics on the sample workspace (sample/, made by scripts/make-samples.ts:
 * RS256/ES256/EdDSA tokens valid until 2099, an HS256 one expired 2024-03-01, an ES256 one not valid
 * before 2098-06-01, a JWE RSA-OAEP-256/A256GCM, and two malformed strings).
 * Expected headers and claims are read from the tokens with jose's base64url, not with our decoder.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SAMPLE_TOKENS_LENSES, hoverText, lensTitles, tokenPart as part, until } from '../shared/editorProbes';

const extensionId = 'jwt-workbench.jwt-workbench';

function sampleUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the sample workspace is open');
  return vscode.Uri.joinPath(folder.uri, name);
}


/** JSON of a decoded view: comment lines and trailing `// …` comments removed. */
function decodedJson(text: string): Record<string, unknown> {
  const json = text.split('\n').filter(l => !l.trimStart().startsWith('//')).map(l => l.replace(/ \/\/ .*$/, '')).join('\n');
  return JSON.parse(json) as Record<string, unknown>;
}

describe('decode in the editor (integration)', () => {
  let tokensDoc: vscode.TextDocument;
  let tokens: Record<string, string>;
  const at = (name: string, into = 20): vscode.Position => {
    const offset = tokensDoc.getText().indexOf(tokens[name] ?? '!') + into;
    assert.ok(offset > into, `${name} is in tokens.json`);
    return tokensDoc.positionAt(offset);
  };

  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    tokensDoc = await vscode.workspace.openTextDocument(sampleUri('tokens.json'));
    tokens = JSON.parse(tokensDoc.getText()) as Record<string, string>;
  });

  describe('hover', () => {
    it('shows the access token claims (alice@example.com), RS256 and its status', async () => {
      const text = await hoverText(tokensDoc.uri, at('access_token'));
      assert.ok(text.includes('alice@example.com'), text);
      assert.ok(text.includes('RS256'), text);
      assert.match(text, /Valid — expires in \d+ years/);
    });

    it('says the HS256 token expired', async () => {
      assert.match(await hoverText(tokensDoc.uri, at('expired_token')), /Expired \d+ (years?|months?) ago/);
    });

    it('shows the JWE as encrypted with RSA-OAEP-256 and A256GCM', async () => {
      const text = await hoverText(tokensDoc.uri, at('encrypted_token'));
      assert.ok(text.includes('RSA-OAEP-256') && text.includes('A256GCM'), text);
      assert.match(text, /Encrypted/);
    });

    it("gives the engine's exact reason on malformed.txt", async () => {
      const doc = await vscode.workspace.openTextDocument(sampleUri('malformed.txt'));
      const offset = doc.getText().indexOf('eyJzdWIiOiJ4I*0');
      const text = await hoverText(doc.uri, doc.positionAt(offset + 3));
      assert.ok(
        text.includes("The payload (part 2) is not valid base64url: unexpected character '*' at position 14."),
        text,
      );
      const header = await hoverText(doc.uri, doc.positionAt(doc.getText().indexOf('eyJhbGciOiJIUzI1NiIsfQ') + 5));
      assert.ok(header.includes('The header (part 1) is not valid JSON'), header);
    });

    it('works in an untitled document', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: `Authorization: Bearer ${tokens.id_token}\n`, language: 'plaintext' });
      const text = await hoverText(doc.uri, new vscode.Position(0, 40));
      assert.ok(text.includes('bob@example.com') && text.includes('ES256'), text);
    });

    it('decodes a token in the middle of a 10 MB one-line file (a minified bundle) and skips its CodeLens', async function () {
      // executeHoverProvider waits for every hover provider: as JavaScript, the built-in TypeScript server
      // would parse all 10 MB first (minutes on a loaded machine), so the bundle is opened as plain text.
      // The hover's own speed is measured by the bench (hover on a 10 MB line vs a 10 KB file).
      this.timeout(60_000);
      const filler = 'var a=function(b){return b.c.d(e)};'.repeat(150_000); // ~5.4 MB each side
      const doc = await vscode.workspace.openTextDocument({ content: `${filler}const t="${tokens.access_token}";${filler}`, language: 'plaintext' });
      assert.ok(doc.getText().length > 10_000_000);
      const text = await hoverText(doc.uri, new vscode.Position(0, filler.length + 20));
      assert.ok(text.includes('alice@example.com'), text.slice(0, 300));
      // Above jwtWorkbench.maxDocumentSize (5 MiB): no scan of the whole file for lenses.
      assert.equal((await lensTitles(doc.uri)).length, 0);
    });

    it('goes away when jwtWorkbench.hover.enabled is off, and comes back', async () => {
      const config = vscode.workspace.getConfiguration('jwtWorkbench');
      try {
        await config.update('hover.enabled', false, vscode.ConfigurationTarget.Global);
        await until('the hover to go', () => hoverText(tokensDoc.uri, at('access_token')), t => !t.includes('alice@example.com'));
      } finally {
        await config.update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
      }
      await until('the hover to return', () => hoverText(tokensDoc.uri, at('access_token')), t => t.includes('alice@example.com'));
    });
  });

  describe('commands', () => {
    it('Decode Token with the cursor in a token opens a jwt-decoded: view with its header and payload', async () => {
      const editor = await vscode.window.showTextDocument(tokensDoc);
      const position = at('service_token', 50);
      editor.selection = new vscode.Selection(position, position);
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeToken');
      assert.ok(uri, 'a decoded view opened');
      assert.equal(uri.scheme, 'jwt-decoded');
      const view = await until('the decoded editor', () => vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === uri.toString()), e => e !== undefined);
      const json = decodedJson(view?.document.getText() ?? '');
      assert.deepEqual(json.header, part(tokens.service_token ?? '', 0));
      assert.deepEqual(json.payload, part(tokens.service_token ?? '', 1));
      assert.equal(view?.document.languageId, 'jsonc');
    });

    it('refreshes the decoded view when its source changes, and says so when the token is gone', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: `# header line\nTOKEN=${tokens.id_token}\n`, language: 'plaintext' });
      const offset = doc.getText().indexOf('eyJ');
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeToken', { uri: doc.uri.toString(), offset });
      assert.ok(uri, 'a decoded view opened');
      const view = await vscode.workspace.openTextDocument(uri);
      assert.equal((decodedJson(view.getText()).payload as { sub?: string }).sub, 'bob@example.com');
      // Insert text before the token and replace the token: the view follows it to its new place.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 0), 'more text\n');
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(offset), doc.positionAt(offset + (tokens.id_token ?? '').length)), tokens.service_token ?? '');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('the view to show the new token', () => view.getText(), t => t.includes('service-account-7'));
      const removal = new vscode.WorkspaceEdit();
      removal.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'no token any more\n');
      assert.ok(await vscode.workspace.applyEdit(removal));
      await until('the view to say the token is gone', () => view.getText(), t => /is no longer there/.test(t));
    });

    it('Decode Token from Clipboard decodes what the clipboard holds', async function () {
      const token = tokens.expired_token ?? '';
      await vscode.env.clipboard.writeText(token);
      if ((await vscode.env.clipboard.readText()) !== token) this.skip(); // no clipboard in this host
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeClipboard');
      assert.ok(uri, 'a decoded view opened');
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.deepEqual(decodedJson(doc.getText()).payload, part(token, 1));
      assert.match(doc.getText(), /^\/\/ Status: Expired/m);
    });

    it('Copy Token Payload / Header as JSON put the token JSON on the clipboard', async () => {
      const ref = { uri: tokensDoc.uri.toString(), offset: tokensDoc.getText().indexOf(tokens.access_token ?? '!') };
      const payload = await vscode.commands.executeCommand<string | undefined>('jwtWorkbench.copyPayload', ref);
      assert.deepEqual(JSON.parse(payload ?? 'null'), part(tokens.access_token ?? '', 1));
      assert.equal(await vscode.env.clipboard.readText(), payload);
      const header = await vscode.commands.executeCommand<string | undefined>('jwtWorkbench.copyHeader', ref);
      assert.deepEqual(JSON.parse(header ?? 'null'), part(tokens.access_token ?? '', 0));
      assert.equal(await vscode.env.clipboard.readText(), header);
    });

    it('Copy Token Payload refuses a JWE (its payload is encrypted)', async () => {
      const ref = { uri: tokensDoc.uri.toString(), offset: tokensDoc.getText().indexOf(tokens.encrypted_token ?? '!') };
      assert.equal(await vscode.commands.executeCommand('jwtWorkbench.copyPayload', ref), undefined);
    });

    it('Decode Token decodes the token in a selection, with the cursor outside the token (the context menu case)', async () => {
      const line = `Authorization: Bearer ${tokens.id_token} (sent by the gateway)`;
      const doc = await vscode.workspace.openTextDocument({ content: `${line}\n`, language: 'plaintext' });
      const editor = await vscode.window.showTextDocument(doc);
      // The whole line, cursor at its end: past the token, on "(sent by the gateway)".
      editor.selection = new vscode.Selection(0, 0, 0, line.length);
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeToken');
      assert.ok(uri, 'a decoded view opened');
      const view = await vscode.workspace.openTextDocument(uri);
      assert.deepEqual(decodedJson(view.getText()).payload, part(tokens.id_token ?? '', 1));
    });

    it('a view decoded from an untitled document keeps its token after that document closes and a new one reuses its URI', async () => {
      const first = await vscode.workspace.openTextDocument({ content: `TOKEN=${tokens.id_token}\n`, language: 'plaintext' });
      const sourceUri = first.uri.toString();
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeToken', { uri: sourceUri, offset: 6 });
      assert.ok(uri, 'a decoded view opened');
      const view = await vscode.workspace.openTextDocument(uri);
      assert.equal((decodedJson(view.getText()).payload as { sub?: string }).sub, 'bob@example.com');
      await vscode.window.showTextDocument(first);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await until('the untitled source to close', () => first.isClosed, closed => closed);
      const second = await vscode.workspace.openTextDocument({ content: `TOKEN=${tokens.service_token}\n`, language: 'plaintext' });
      assert.equal(second.uri.toString(), sourceUri, 'VS Code reuses the closed untitled URI');
      // An edit in the new document, then a setting change that re-renders every view.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(second.uri, new vscode.Position(1, 0), 'more\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const config = vscode.workspace.getConfiguration('jwtWorkbench');
      try {
        await config.update('timeZone', 'utc', vscode.ConfigurationTarget.Global);
        await until('the view to re-render in UTC', () => view.getText(), t => t.includes(' UTC)'));
      } finally {
        await config.update('timeZone', undefined, vscode.ConfigurationTarget.Global);
      }
      assert.deepEqual(decodedJson(view.getText()).payload, part(tokens.id_token ?? '', 1));
      await vscode.window.showTextDocument(second);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('the decoded view dates its time claims in local time or UTC as jwtWorkbench.timeZone says, and follows a change', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('jwtWorkbench.decodeToken', { token: tokens.access_token });
      assert.ok(uri, 'a decoded view opened');
      const view = await vscode.workspace.openTextDocument(uri);
      const expComment = (): string => view.getText().split('\n').find(l => l.trimStart().startsWith('"exp"')) ?? '';
      assert.match(expComment(), /\/\/ 2099-01-01T00:00:00Z \(\w{3}, \d+ \w{3} \d{4} \d\d:\d\d local\) — expires in \d+ years$/);
      const config = vscode.workspace.getConfiguration('jwtWorkbench');
      try {
        await config.update('timeZone', 'utc', vscode.ConfigurationTarget.Global);
        await until('the exp comment in UTC', expComment, l => /\(Thu, 1 Jan 2099 00:00 UTC\) — expires in \d+ years$/.test(l));
      } finally {
        await config.update('timeZone', undefined, vscode.ConfigurationTarget.Global);
      }
      await until('the exp comment back in local time', expComment, l => / local\) — /.test(l));
    });

    it('Decode Token on a document without a token opens nothing', async () => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(sampleUri('README.md')));
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      const before = vscode.workspace.textDocuments.filter(d => d.uri.scheme === 'jwt-decoded').length;
      const result = await vscode.commands.executeCommand('jwtWorkbench.decodeToken');
      assert.equal(result, undefined);
      assert.equal(vscode.workspace.textDocuments.filter(d => d.uri.scheme === 'jwt-decoded').length, before);
    });
  });

  describe('CodeLens and diagnostics', () => {
    it('puts a status lens above each token of tokens.json, titled by kind, algorithm and status', async () => {
      const ours = await lensTitles(tokensDoc.uri);
      assert.equal(ours.length, SAMPLE_TOKENS_LENSES.length, ours.join(' | '));
      SAMPLE_TOKENS_LENSES.forEach((re, i) => assert.match(ours[i] ?? '', re));
    });

    it('places the lenses without titling them: only the lenses VS Code resolves (those on screen) are decoded', async () => {
      // Without a resolve count VS Code returns the lenses as provided; with one, it resolves that many and drops the rest.
      const provided = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', tokensDoc.uri)) ?? [];
      assert.equal(provided.length, 2 * SAMPLE_TOKENS_LENSES.length, 'two lenses a token: its status, and Sign/Verify');
      assert.deepEqual(provided.map(l => l.command), provided.map(() => undefined));
      const resolved = await lensTitles(tokensDoc.uri, 4);
      assert.equal(resolved.length, 2);
      assert.match(resolved[1] ?? '', SAMPLE_TOKENS_LENSES[1] ?? /^$/);
    });

    it('puts a Sign/Verify lens after each token\'s status lens, on the same line, naming the same token', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', tokensDoc.uri, 100)) ?? [];
      const status = lenses.filter(l => l.command?.command === 'jwtWorkbench.decodeToken');
      const panel = lenses.filter(l => l.command?.command === 'jwtWorkbench.openInPanel');
      assert.deepEqual(panel.map(l => l.command?.title), SAMPLE_TOKENS_LENSES.map(() => '$(edit) Sign/Verify'));
      assert.deepEqual(panel.map(l => l.range.start.line), status.map(l => l.range.start.line));
      assert.deepEqual(panel.map(l => l.command?.arguments), status.map(l => l.command?.arguments));
      assert.deepEqual(lenses.map(l => l.command?.command), status.flatMap(() => ['jwtWorkbench.decodeToken', 'jwtWorkbench.openInPanel']));
    });

    it('reports the expired and the not-yet-valid token, not the valid ones', async () => {
      await vscode.window.showTextDocument(tokensDoc);
      const diagnostics = await until('diagnostics', () => vscode.languages.getDiagnostics(tokensDoc.uri).filter(d => d.source === 'JWT Workbench'), d => d.length >= 2);
      assert.equal(diagnostics.length, 2);
      const text = diagnostics.map(d => tokensDoc.getText(d.range));
      assert.deepEqual(text, [tokens.expired_token, tokens.future_token]);
      assert.match(diagnostics[0]?.message ?? '', /^JWT expired \d+ (years?|months?) ago \(exp Fri, 1 Mar 2024 \d\d:00 (local|UTC)\)$/);
      assert.match(diagnostics[1]?.message ?? '', /^JWT not valid yet: valid in \d+ years \(nbf /);
      assert.ok(diagnostics.every(d => d.severity === vscode.DiagnosticSeverity.Information));
    });

    it('drops diagnostics and lenses of a document already scanned when jwtWorkbench.maxDocumentSize is lowered below its size', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: `TOKEN=${tokens.expired_token}\n`, language: 'plaintext' });
      await until('the expired diagnostic', () => vscode.languages.getDiagnostics(doc.uri).length, n => n === 1);
      const lenses = async (): Promise<number> => (await lensTitles(doc.uri)).length;
      assert.equal(await lenses(), 1);
      const config = vscode.workspace.getConfiguration('jwtWorkbench');
      try {
        await config.update('maxDocumentSize', 10, vscode.ConfigurationTarget.Global);
        await until('the diagnostic to go', () => vscode.languages.getDiagnostics(doc.uri).length, n => n === 0);
        assert.equal(await lenses(), 0);
      } finally {
        await config.update('maxDocumentSize', undefined, vscode.ConfigurationTarget.Global);
      }
      await until('the diagnostic to return', () => vscode.languages.getDiagnostics(doc.uri).length, n => n === 1);
    });

    it('updates diagnostics when the document is edited', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: `TOKEN=${tokens.expired_token}\n`, language: 'plaintext' });
      await until('the expired diagnostic', () => vscode.languages.getDiagnostics(doc.uri).length, n => n === 1);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(6), doc.positionAt(6 + (tokens.expired_token ?? '').length)), tokens.access_token ?? '');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('the diagnostic to clear', () => vscode.languages.getDiagnostics(doc.uri).length, n => n === 0);
    });
  });
});
