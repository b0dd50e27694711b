/**
 * `secretEncodingsOf`: which encodings pasted text could be a shared secret in, as the key reader would take it.
 * *JWT: Verify Token…* asks the person only among these, and not at all when the text is key material.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateKey, secretEncodingsOf } from '../../src/core';

const FIXTURES = path.resolve(__dirname, '../../../test/unit/fixtures');
const ossl = (name: string): string => readFileSync(path.join(FIXTURES, 'openssl', name), 'utf8');

describe('keys: the encodings a pasted secret could be in', () => {
  it('a passphrase with punctuation is UTF-8 only: nothing to ask', () => {
    assert.deepEqual(secretEncodingsOf('sample-hs256-secret-at-least-32-bytes!!'), ['utf8']);
  });

  it('words with spaces are UTF-8 only', () => {
    assert.deepEqual(secretEncodingsOf('correct horse battery staple'), ['utf8']);
  });

  it('even-length hex digits are valid in every encoding, UTF-8 first', () => {
    assert.deepEqual(secretEncodingsOf('deadbeefcafebabe'), ['utf8', 'base64', 'base64url', 'hex']);
  });

  it('an odd number of hex digits is not hex', () => {
    assert.deepEqual(secretEncodingsOf('deadbeefcafebab'), ['utf8', 'base64url']);
  });

  it('base64 with a "/" and padding is not base64url', () => {
    assert.deepEqual(secretEncodingsOf(Buffer.from('a 32-byte shared secret, not hex?!').toString('base64')), ['utf8', 'base64']);
  });

  it('base64url with "-" and "_", unpadded, is not base64', () => {
    assert.deepEqual(secretEncodingsOf('c2VjcmV0LXdpdGgt_-8'), ['utf8', 'base64url']);
  });

  it('a JWK is not a secret: no encoding is asked', async () => {
    const key = await generateKey({ kty: 'oct', bits: 256 });
    assert.deepEqual(secretEncodingsOf(JSON.stringify(key.privateJwk)), []);
  });

  it('a JWK Set is not a secret', async () => {
    const key = await generateKey({ kty: 'EC', crv: 'P-256' });
    assert.deepEqual(secretEncodingsOf(JSON.stringify({ keys: [key.publicJwk] })), []);
  });

  it('a PEM public key is not a secret', () => {
    assert.deepEqual(secretEncodingsOf(ossl('rsa.spki.pub')), []);
  });

  it('a PEM certificate is not a secret', () => {
    assert.deepEqual(secretEncodingsOf(ossl('server.crt')), []);
  });

  it('a PEM flattened into one line with literal \\n (as in .env files) is not a secret', () => {
    assert.deepEqual(secretEncodingsOf(ossl('ec.p256.spki.pub').replace(/\n/g, '\\n')), []);
  });

  it('base64 of a public key (DER) is not a secret: the key-confusion guard refuses it', () => {
    const der = ossl('rsa.spki.pub').replace(/-----[^-]+-----|\s/g, '');
    assert.deepEqual(secretEncodingsOf(der), []);
  });

  it('an OpenSSH public key is not a secret', () => {
    assert.deepEqual(secretEncodingsOf('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHgz7VEjJl4Hf0e3mQ1u2Yl0p4h6p1b0rV2wqkQH5e1F me@host'), []);
  });

  it('empty or blank text is nothing', () => {
    assert.deepEqual(secretEncodingsOf('   '), []);
  });
});
