/**
 * The panel's page as text: its script and stylesheet are put in the page, and nothing in them (or in the
 * first message, which carries a token from any file) can end their element early and run as markup.
 */
import * as assert from 'node:assert/strict';
import { contentSecurityPolicy, panelHtml, type PageAssets } from '../../src/panel/html';

const NONCE = 'bm9uY2Utb2YtMTYtYnl0ZXM=';

function page(overrides: Partial<PageAssets> = {}): string {
  return panelHtml({
    cspSource: 'https://resource.example',
    nonce: NONCE,
    script: { text: 'window.ran = 1;' },
    style: { text: 'body { color: red; }' },
    codicons: 'https://resource.example/codicons/codicon.css',
    ...overrides,
  });
}

/** The text of every `<script>` element, as an HTML parser would end it. */
const scriptBodies = (html: string): string[] => [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/gi)].map(m => m[1] ?? '');

describe('panel page (html)', () => {
  it('puts the script in the page with the nonce', () => {
    const html = page();
    assert.ok(html.includes(`<script nonce="${NONCE}">window.ran = 1;</script>`));
    assert.ok(html.includes(`<style nonce="${NONCE}">body { color: red; }</style>`));
  });

  it('a "</script>" inside the script does not end it', () => {
    const html = page({ script: { text: 'const s = "</script><img src=x>";' } });
    assert.deepEqual(scriptBodies(html), ['const s = "<\\/script><img src=x>";']);
  });

  it('a "</style>" inside the stylesheet does not end it', () => {
    const html = page({ style: { text: 'a::after { content: "</style><script>x()</script>"; }' } });
    // A parser ends the element at the first "</style": the whole rule is still inside it.
    assert.equal(/<style[^>]*>([\s\S]*?)<\/style>/i.exec(html)?.[1], 'a::after { content: "<\\/style><script>x()</script>"; }');
  });

  it('the first message is a data block that gives the message back, whatever the token holds', () => {
    const firstMessage = { type: 'show', seq: 1, timeZone: 'utc', token: '</script><script>alert(1)</script>' };
    const html = page({ firstMessage });
    const bodies = scriptBodies(html);
    assert.equal(bodies.length, 2, 'the data block and the script, nothing more');
    assert.match(html, /<script type="application\/json" id="first-message">/);
    assert.deepEqual(JSON.parse(bodies[0] ?? ''), firstMessage);
  });

  it('without texts, it loads the script and stylesheet by URI', () => {
    const html = page({ script: { uri: 'https://resource.example/panel/main.js' }, style: { uri: 'https://resource.example/panel/main.css' } });
    assert.ok(html.includes(`<script nonce="${NONCE}" src="https://resource.example/panel/main.js"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" href="https://resource.example/panel/main.css" nonce="${NONCE}">`));
  });

  it('the codicon stylesheet is preloaded (not render-blocking) under the id vscode-elements looks for', () => {
    assert.match(page(), /<link rel="preload" as="style" href="https:\/\/resource.example\/codicons\/codicon.css" id="vscode-codicon-stylesheet"/);
  });

  it('the policy allows scripts only with the nonce, and nothing inline without it', () => {
    const csp = contentSecurityPolicy({ cspSource: 'https://resource.example', nonce: NONCE });
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${NONCE}'; style-src https://resource.example 'nonce-${NONCE}'; font-src https://resource.example; img-src https://resource.example data:`);
  });
});
