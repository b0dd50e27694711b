/**
 * The panel's page as text: the first message (which carries a token from any file) travels as a JSON data
 * block that cannot end its element and run as markup; the policy allows scripts only with the nonce.
 */
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, panelHtml, type PageAssets } from '../../src/panel/html';

const NONCE = 'bm9uY2Utb2YtMTYtYnl0ZXM=';

function page(overrides: Partial<PageAssets> = {}): string {
  return panelHtml({
    cspSource: 'https://resource.example',
    nonce: NONCE,
    script: 'https://resource.example/panel/main.js',
    style: 'https://resource.example/panel/main.css',
    codicons: 'https://resource.example/codicons/codicon.css',
    ...overrides,
  });
}

/** The text of every `<script>` element, as an HTML parser would end it. */
const scriptBodies = (html: string): string[] => [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/gi)].map(m => m[1] ?? '');

describe('panel page (html)', () => {
  it('loads the built script with the nonce, and nothing else runs', () => {
    const html = page();
    assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="${NONCE}" src="https://resource.example/panel/main.js">`]);
  });

  it('the first message is a data block that gives the message back, whatever the token holds', () => {
    const firstMessage = { type: 'show', seq: 1, timeZone: 'utc', token: '</script><script>alert(1)</script>' };
    const html = page({ firstMessage });
    const bodies = scriptBodies(html);
    assert.equal(bodies.length, 2, 'the data block and the script, nothing more');
    assert.match(html, /<script type="application\/json" id="first-message">/);
    assert.deepEqual(JSON.parse(bodies[0] ?? ''), firstMessage);
  });

  it('the codicon stylesheet is preloaded (not render-blocking) under the id vscode-elements looks for', () => {
    assert.match(page(), /<link rel="preload" as="style" href="https:\/\/resource.example\/codicons\/codicon.css" id="vscode-codicon-stylesheet"/);
  });

  it('the policy allows scripts only with the nonce, and nothing inline without it', () => {
    const csp = contentSecurityPolicy({ cspSource: 'https://resource.example', nonce: NONCE });
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${NONCE}'; style-src https://resource.example 'nonce-${NONCE}'; font-src https://resource.example; img-src https://resource.example`);
  });
});
