/**
 * The panel's page: a strict Content-Security-Policy (`default-src 'none'`, scripts only with this load's
 * nonce, styles and fonts only from the extension's built webview assets, no `unsafe-eval`, nothing remote),
 * the controls with their accessible names, and the built script. No inline event handlers: the script wires
 * everything. Pure string building; the host supplies the URIs.
 */

/** 128 random bits as base64, from the platform CSPRNG (`crypto.getRandomValues`). */
export function makeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A script or stylesheet of the page: its text, put in the page itself, or (when it could not be read) its
 * webview URI. In the page, it needs no round trip through the webview's resource loader: on a first open
 * in code-server those took about 400 ms before the script could run.
 */
export type PageAsset = { text: string } | { uri: string };

export interface PageAssets {
  /** `webview.cspSource`. */
  cspSource: string;
  script: PageAsset;
  style: PageAsset;
  /** The codicon stylesheet's URI: vscode-elements' icons load it by the id `vscode-codicon-stylesheet`. */
  codicons: string;
  nonce: string;
  /**
   * The first message for the page (a `show`), drawn as the script starts rather than after a round trip
   * through the workbench. JSON in a data block: it is not run, and the page checks it like any message.
   */
  firstMessage?: unknown;
}

/** JSON that cannot end its `<script>` element (`<` is written as `\u003c`, which JSON reads back). */
function jsonInElement(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** `text` inside a `<tag>` element: a closing tag in it (in a string of the bundle) must not end the element. */
function inElement(tag: 'script' | 'style', text: string): string {
  return text.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1');
}

function scriptTag(asset: PageAsset, nonce: string): string {
  return 'text' in asset
    ? `<script nonce="${nonce}">${inElement('script', asset.text)}</script>`
    : `<script nonce="${nonce}" src="${asset.uri}"></script>`;
}

function styleTag(asset: PageAsset, nonce: string): string {
  return 'text' in asset
    ? `<style nonce="${nonce}">${inElement('style', asset.text)}</style>`
    : `<link rel="stylesheet" href="${asset.uri}" nonce="${nonce}">`;
}

/** The Content-Security-Policy of the page (tests read it from the HTML). */
export function contentSecurityPolicy({ cspSource, nonce }: Pick<PageAssets, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    // vscode-elements draws a few small marks as data: images (an image cannot run anything).
    `img-src ${cspSource} data:`,
  ].join('; ');
}

const ALGORITHM_HINT = 'What the key can do';

/** The page. Every control has an accessible name: people with screen readers, and the UI tests, find them by it. */
export function panelHtml(assets: PageAssets): string {
  const { nonce } = assets;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(assets)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<!-- Preloaded, not render-blocking: the script makes it a stylesheet once the page is drawn. -->
<link rel="preload" as="style" href="${assets.codicons}" id="vscode-codicon-stylesheet" nonce="${nonce}">
${styleTag(assets.style, nonce)}
<title>JWT Sign / Verify</title>
</head>
<body>
<main id="app" class="layout">
  <section class="encoded" aria-labelledby="encoded-title">
    <h2 id="encoded-title">Encoded</h2>
    <div class="token-box">
      <div class="token-backdrop" id="token-colours" aria-hidden="true"></div>
      <textarea id="token" aria-label="Token" spellcheck="false" autocomplete="off" placeholder="Paste a JWT or JWE here"></textarea>
    </div>
    <div class="row">
      <vscode-button id="copy" secondary icon="copy">Copy</vscode-button>
      <vscode-button id="insert" secondary icon="insert">Insert into Editor</vscode-button>
      <span id="origin" class="muted"></span>
    </div>
    <div id="token-status" class="token-status"></div>
    <ul id="warnings" class="warnings" aria-label="Warnings"></ul>
    <div id="result" role="status" aria-live="polite" class="result"></div>
    <ul id="checks" class="checks" aria-label="Checked claims"></ul>
  </section>

  <section class="decoded" aria-labelledby="decoded-title">
    <h2 id="decoded-title">Decoded</h2>
    <vscode-label for="header">Header</vscode-label>
    <vscode-textarea id="header" label="Header" rows="5" spellcheck="false" monospace resize="vertical"></vscode-textarea>
    <div id="header-error" class="json-error" role="alert"></div>
    <vscode-label for="payload">Payload</vscode-label>
    <vscode-textarea id="payload" label="Payload" rows="10" spellcheck="false" monospace resize="vertical"></vscode-textarea>
    <div id="payload-error" class="json-error" role="alert"></div>
    <div class="row">
      <vscode-button id="set-iat" secondary>iat = now</vscode-button>
      <vscode-button id="set-exp" secondary>exp = now +</vscode-button>
      <vscode-textfield id="exp-minutes" label="Minutes until exp" value="60" type="number" min="1" class="narrow"></vscode-textfield>
      <span class="muted">min</span>
      <vscode-button id="set-jti" secondary>New jti</vscode-button>
    </div>
    <table id="times" class="times" aria-label="Time claims"></table>
  </section>

  <section class="key" aria-labelledby="key-title">
    <h2 id="key-title">Key</h2>
    <div class="grid">
      <vscode-label for="key-source">Key source</vscode-label>
      <vscode-single-select id="key-source" label="Key source">
        <vscode-option value="pasted">Secret or key text (pasted)</vscode-option>
        <vscode-option value="stored">Stored key</vscode-option>
        <vscode-option value="jwksUrl">JWKS URL</vscode-option>
        <vscode-option value="issuer">Issuer URL (OpenID discovery)</vscode-option>
      </vscode-single-select>

      <vscode-label for="stored-key" data-source="stored">Key</vscode-label>
      <vscode-single-select id="stored-key" label="Key" data-source="stored"></vscode-single-select>

      <vscode-label for="secret" data-source="pasted">Secret</vscode-label>
      <vscode-textarea id="secret" label="Secret" rows="3" monospace data-source="pasted"
        placeholder="A shared secret, PEM private or public key, certificate, JWK or JWKS"></vscode-textarea>
      <vscode-label for="secret-encoding" data-source="pasted">Secret encoding</vscode-label>
      <vscode-single-select id="secret-encoding" label="Secret encoding" data-source="pasted">
        <vscode-option value="utf8">UTF-8</vscode-option>
        <vscode-option value="base64">base64</vscode-option>
        <vscode-option value="base64url">base64url</vscode-option>
        <vscode-option value="hex">hex</vscode-option>
      </vscode-single-select>
      <vscode-label for="passphrase" data-source="pasted">Passphrase</vscode-label>
      <vscode-textfield id="passphrase" label="Passphrase" type="password" data-source="pasted" placeholder="Only for an encrypted PEM key"></vscode-textfield>

      <vscode-label for="jwks-url" data-source="jwksUrl">JWKS URL</vscode-label>
      <vscode-textfield id="jwks-url" label="JWKS URL" type="url" data-source="jwksUrl" placeholder="https://example.com/.well-known/jwks.json"></vscode-textfield>
      <vscode-label for="issuer-url" data-source="issuer">Issuer URL</vscode-label>
      <vscode-textfield id="issuer-url" label="Issuer URL" type="url" data-source="issuer" placeholder="https://accounts.example.com"></vscode-textfield>

      <span class="muted" id="key-description" aria-live="polite"></span>
      <div class="row">
        <vscode-button id="refresh" secondary icon="refresh" data-source="remote">Refresh Keys</vscode-button>
      </div>

      <vscode-label for="algorithm">Algorithm</vscode-label>
      <vscode-single-select id="algorithm" label="Algorithm">
        <vscode-option value="">${ALGORITHM_HINT}</vscode-option>
      </vscode-single-select>
    </div>

    <vscode-collapsible title="Verification options" id="options">
      <div class="grid">
        <vscode-label for="expect-iss">Issuer</vscode-label>
        <vscode-textfield id="expect-iss" label="Issuer" placeholder="Expected iss"></vscode-textfield>
        <vscode-label for="expect-aud">Audience</vscode-label>
        <vscode-textfield id="expect-aud" label="Audience" placeholder="Expected aud (comma-separated)"></vscode-textfield>
        <vscode-label for="tolerance">Clock tolerance (s)</vscode-label>
        <vscode-textfield id="tolerance" label="Clock tolerance" type="number" min="0" value="0"></vscode-textfield>
        <vscode-label for="required">Required claims</vscode-label>
        <vscode-textfield id="required" label="Required claims" placeholder="e.g. exp, sub"></vscode-textfield>
        <vscode-label for="as-of">Verify as of</vscode-label>
        <input id="as-of" type="datetime-local" aria-label="Verify as of" class="native-input">
      </div>
    </vscode-collapsible>

    <div class="row actions">
      <vscode-button id="verify" icon="pass">Verify</vscode-button>
      <vscode-button id="sign" icon="edit">Sign</vscode-button>
    </div>

    <vscode-collapsible title="Encrypt / decrypt (JWE)" id="jwe">
      <div class="grid">
        <vscode-label for="jwe-alg">Key management</vscode-label>
        <vscode-single-select id="jwe-alg" label="Key management algorithm"></vscode-single-select>
        <vscode-label for="jwe-enc">Content encryption</vscode-label>
        <vscode-single-select id="jwe-enc" label="Content encryption"></vscode-single-select>
        <vscode-label for="jwe-what">Encrypt</vscode-label>
        <vscode-single-select id="jwe-what" label="What to encrypt">
          <vscode-option value="payload">The payload</vscode-option>
          <vscode-option value="nested">The signed token (nested JWT)</vscode-option>
        </vscode-single-select>
      </div>
      <div class="row actions">
        <vscode-button id="encrypt" icon="lock">Encrypt</vscode-button>
        <vscode-button id="decrypt" icon="unlock">Decrypt</vscode-button>
      </div>
      <pre id="decrypted" class="decrypted" aria-label="Decrypted" tabindex="0"></pre>
    </vscode-collapsible>
  </section>
</main>
${assets.firstMessage !== undefined ? `<script type="application/json" id="first-message">${jsonInElement(assets.firstMessage)}</script>\n` : ''}${scriptTag(assets.script, nonce)}
</body>
</html>`;
}
