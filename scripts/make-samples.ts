/**
 * `npm run samples`: writes the sample workspace (sample/) that `npm start` opens and the
 * integration tests read: tokens in JSON, a log, a .env, an .http file and a JWE, signed with
 * HS256, RS256, ES256 and EdDSA keys made here. Times are relative to far-off fixed dates so
 * the "valid" tokens stay valid and the "expired" ones stay expired, whenever this runs.
 * Keys are demo keys, written next to the tokens so that the panel can verify them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompactEncrypt, CompactSign, SignJWT, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, calculateJwkThumbprint, type JWK } from 'jose';

const root = path.resolve(__dirname, '..', '..');
const out = path.join(root, 'sample');

const at = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
const NOW = at('2026-01-01T00:00:00Z'); // issue time of the samples
const FAR = at('2099-01-01T00:00:00Z'); // "valid" tokens expire here
const PAST = at('2024-03-01T12:00:00Z'); // "expired" tokens expired here

async function pair(alg: string, options: { crv?: string; modulusLength?: number } = {}) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...options });
  const publicJwk: JWK = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { alg, kid, privateKey, publicKey, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

async function main(): Promise<void> {
  fs.mkdirSync(path.join(out, 'keys'), { recursive: true });
  const hsSecret = 'sample-hs256-secret-at-least-32-bytes!!';
  const hs = new TextEncoder().encode(hsSecret);
  const rsa = await pair('RS256', { modulusLength: 2048 });
  const ec = await pair('ES256');
  const ed = await pair('EdDSA', { crv: 'Ed25519' });
  const rsaEnc = await generateKeyPair('RSA-OAEP-256', { extractable: true, modulusLength: 2048 });

  const base = { iss: 'https://login.example.com', aud: 'api://orders', iat: NOW };
  const tokens = {
    rs256Valid: await new SignJWT({ ...base, sub: 'alice@example.com', scope: 'orders.read orders.write', exp: FAR })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: rsa.kid })
      .sign(rsa.privateKey),
    es256Valid: await new SignJWT({ ...base, sub: 'bob@example.com', name: 'Bob', email_verified: true, exp: FAR, nbf: NOW })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: ec.kid })
      .sign(ec.privateKey),
    edDsaValid: await new SignJWT({ ...base, sub: 'service-account-7', roles: ['reader'], exp: FAR, jti: 'b9f2c4d0-sample' })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: ed.kid })
      .sign(ed.privateKey),
    hs256Expired: await new SignJWT({ ...base, sub: 'carol@example.com', iat: PAST - 3600, exp: PAST })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(hs),
    hs256LongLived: await new SignJWT({ sub: '1234567890', name: 'John Doe', iat: NOW, exp: FAR })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(hs),
    notYetValid: await new SignJWT({ ...base, sub: 'dave@example.com', nbf: at('2098-06-01T00:00:00Z'), exp: FAR })
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: ec.kid })
      .sign(ec.privateKey),
    // Salesforce JWT bearer assertion shape: iss = consumer key, sub = username, aud = login URL.
    salesforceAssertion: await new SignJWT({
      iss: '3MVG9SAMPLECONSUMERKEY.example',
      sub: 'integration.user@acme.example',
      aud: 'https://login.salesforce.com',
      exp: PAST + 180,
    })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(rsa.privateKey),
    unsecured: `${b64(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${b64(JSON.stringify({ sub: 'mallory', admin: true, iat: NOW }))}.`,
    jwe: await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ ...base, sub: 'erin@example.com', exp: FAR })))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: 'sample-enc-key' })
      .encrypt(rsaEnc.publicKey),
    jwsWithJku: await new CompactSign(new TextEncoder().encode(JSON.stringify({ sub: 'attacker', exp: FAR })))
      .setProtectedHeader({ alg: 'RS256', jku: 'https://attacker.example/jwks.json', kid: '../../etc/passwd' })
      .sign(rsa.privateKey),
  };
  const malformed = {
    badJsonHeader: `${b64('{"alg":"HS256",}')}.${b64('{"sub":"x"}')}.c2ln`,
    badBase64Payload: `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4I*0.c2ln`,
  };

  write('README.md', [
    '# JWT Workbench sample workspace',
    '',
    'Rest the mouse on any token below to see its header, claims and status; CodeLens above each',
    'token decodes it in one click; expired and not-yet-valid tokens show in the Problems panel.',
    '',
    '- `tokens.json`: an OAuth token response with RS256, ES256 and EdDSA tokens, an expired HS256 one,',
    '  one not valid until 2098, and an encrypted one (JWE, RSA-OAEP-256 / A256GCM)',
    '- `app.log`: tokens in log lines, an unsigned `alg: none` token, a header with `jku` and a path-like `kid`',
    '- `.env`: tokens in environment variables',
    '- `requests.http`: bearer tokens in HTTP requests and a Salesforce JWT bearer grant',
    '- `malformed.txt`: strings that look like tokens but are broken',
    '- `keys/`: the demo keys that signed them (see keys/README.md)',
    '',
    'Regenerate everything with `npm run samples`.',
    '',
  ].join('\n'));

  write('tokens.json', JSON.stringify({
    description: 'Tokens as an API returns them: hover any of them.',
    access_token: tokens.rs256Valid,
    id_token: tokens.es256Valid,
    service_token: tokens.edDsaValid,
    expired_token: tokens.hs256Expired,
    future_token: tokens.notYetValid,
    encrypted_token: tokens.jwe,
    token_type: 'Bearer',
    expires_in: 3600,
  }, null, 2) + '\n');

  write('app.log', [
    `2026-01-01T09:00:01.120Z INFO  gateway  request GET /orders authorization="Bearer ${tokens.rs256Valid}" status=200`,
    `2026-01-01T09:00:02.481Z WARN  gateway  rejected token=${tokens.hs256Expired} reason=expired`,
    `2026-01-01T09:00:03.002Z INFO  worker   service call with ${tokens.edDsaValid}`,
    `2026-01-01T09:00:04.750Z ERROR auth     unsigned token refused: ${tokens.unsecured}`,
    `2026-01-01T09:00:05.310Z WARN  auth     header with jku/kid tricks: ${tokens.jwsWithJku}`,
    `2026-01-01T09:00:06.000Z DEBUG auth     version 1.2.3 of com.example.auth loaded; not tokens: a.b.c, eyJ.only.two`,
    '',
  ].join('\n'));

  write('.env', [
    '# Environment for local runs (demo values)',
    `ACCESS_TOKEN=${tokens.rs256Valid}`,
    `LEGACY_TOKEN=${tokens.hs256LongLived}`,
    `FUTURE_TOKEN=${tokens.notYetValid}`,
    '',
  ].join('\n'));

  write('requests.http', [
    '### Orders API with a bearer token',
    'GET https://api.example.com/orders',
    `Authorization: Bearer ${tokens.es256Valid}`,
    '',
    '### Encrypted token (JWE) in a header',
    'GET https://api.example.com/profile',
    `X-Encrypted-Token: ${tokens.jwe}`,
    '',
    '### Salesforce JWT bearer grant (RFC 7523)',
    'POST https://login.salesforce.com/services/oauth2/token',
    'Content-Type: application/x-www-form-urlencoded',
    '',
    `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${tokens.salesforceAssertion}`,
    '',
  ].join('\n'));

  write('malformed.txt', [
    'These look like tokens but are broken: hover them to see exactly what is wrong.',
    `header with bad JSON:      ${malformed.badJsonHeader}`,
    `payload with bad base64url: ${malformed.badBase64Payload}`,
    '',
  ].join('\n'));

  write('keys/jwks.json', JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk, ed.publicJwk] }, null, 2) + '\n');
  write('keys/rs256-private.pem', await exportPKCS8(rsa.privateKey));
  write('keys/rs256-public.pem', await exportSPKI(rsa.publicKey));
  write('keys/es256-private.pem', await exportPKCS8(ec.privateKey));
  write('keys/ed25519-private.pem', await exportPKCS8(ed.privateKey));
  write('keys/rsa-oaep-private.pem', await exportPKCS8(rsaEnc.privateKey));
  write('keys/hs256-secret.txt', hsSecret + '\n');
  write('keys/README.md', [
    '# Demo keys',
    'Made by `npm run samples` for the sample tokens only. Never use them for anything real.',
    '',
    `- rs256-private.pem / rs256-public.pem: RS256, kid \`${rsa.kid}\``,
    `- es256-private.pem: ES256, kid \`${ec.kid}\``,
    `- ed25519-private.pem: EdDSA, kid \`${ed.kid}\``,
    '- rsa-oaep-private.pem: decrypts `encrypted_token` (RSA-OAEP-256 / A256GCM)',
    '- hs256-secret.txt: the HS256 secret of `expired_token` and of `LEGACY_TOKEN` in .env',
    '- jwks.json: the public keys above as a JWK Set',
    '',
  ].join('\n'));
  console.log(`sample workspace written to ${path.relative(process.cwd(), out) || '.'}`);
}

function b64(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function write(name: string, content: string): void {
  fs.writeFileSync(path.join(out, name), content);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
