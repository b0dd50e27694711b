/**
 * `jose` case: signing and verifying a small typical JWT through the engine (signToken / verifyToken with a
 * stored-key input and one KeyResolver, as the app calls them) against jose alone with an already imported key (target ≤ 1.2),
 * against jsonwebtoken (the engine must be faster: target 1.0) and against raw node:crypto (the floor).
 */
import * as crypto from 'node:crypto';
import { SignJWT, base64url, importJWK, jwtVerify } from 'jose';
import type { JWK } from 'jose';
import jwt from 'jsonwebtoken';
import type { Algorithm } from 'jsonwebtoken';
import { compare } from '../lib';
import type { BenchResult } from '../lib';
import { signToken } from '../../src/core/sign';
import { verifyToken } from '../../src/core/verify';
import { KeyResolver } from '../../src/core/keys';
import type { KeyMaterial } from '../../src/core/types';

type Alg = 'HS256' | 'RS256' | 'ES256' | 'EdDSA';

interface Fixture {
  alg: Alg;
  material: KeyMaterial;
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
}

function fixture(alg: Alg): Fixture {
  if (alg === 'HS256') {
    const secret = crypto.createSecretKey(crypto.randomBytes(32));
    const jwk = secret.export({ format: 'jwk' }) as JWK;
    return { alg, material: { kid: 'bench-hs', kty: 'oct', publicJwk: { kty: 'oct' }, privateJwk: jwk }, privateKey: secret, publicKey: secret };
  }
  const pair = alg === 'RS256'
    ? crypto.generateKeyPairSync('rsa', { modulusLength: 2048 })
    : alg === 'ES256' ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }) : crypto.generateKeyPairSync('ed25519');
  const privateJwk = pair.privateKey.export({ format: 'jwk' }) as JWK;
  const publicJwk = pair.publicKey.export({ format: 'jwk' }) as JWK;
  const kty = alg === 'RS256' ? 'RSA' : alg === 'ES256' ? 'EC' : 'OKP';
  return { alg, material: { kid: `bench-${alg}`, kty, publicJwk, privateJwk }, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** node:crypto's own signature over the JWS signing input: what the JOSE layers add is measured against this. */
function rawSign(f: Fixture, input: Buffer): Buffer {
  switch (f.alg) {
    case 'HS256': return crypto.createHmac('sha256', f.privateKey).update(input).digest();
    case 'RS256': return crypto.sign('sha256', input, f.privateKey);
    case 'ES256': return crypto.sign('sha256', input, { key: f.privateKey, dsaEncoding: 'ieee-p1363' });
    case 'EdDSA': return crypto.sign(null, input, f.privateKey);
  }
}

function rawVerify(f: Fixture, input: Buffer, signature: Buffer): boolean {
  switch (f.alg) {
    case 'HS256': return crypto.timingSafeEqual(crypto.createHmac('sha256', f.privateKey).update(input).digest(), signature);
    case 'RS256': return crypto.verify('sha256', input, f.publicKey, signature);
    case 'ES256': return crypto.verify('sha256', input, { key: f.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    case 'EdDSA': return crypto.verify(null, input, f.publicKey, signature);
  }
}

/** Runs the `jose` case. */
export async function joseCase(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const now = Math.floor(Date.now() / 1000);
  const payload = { sub: '1234567890', name: 'Jane Doe', iss: 'https://issuer.example', aud: 'api://default', iat: now, exp: now + 3600 };
  for (const alg of ['HS256', 'RS256', 'ES256', 'EdDSA'] as const) {
    const f = fixture(alg);
    const header = { alg, typ: 'JWT' };
    // jose's importJWK gives an HMAC secret back as bytes, which jose imports again on every call: the baseline
    // gets a CryptoKey made once, as the other algorithms' keys are, so that no row is measured against a handicap.
    const josePrivate = alg === 'HS256'
      ? await crypto.webcrypto.subtle.importKey('raw', f.privateKey.export(), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
      : await importJWK(f.material.privateJwk ?? {}, alg);
    const josePublic = alg === 'HS256' ? josePrivate : await importJWK(f.material.publicJwk, alg);
    const token = await signToken({ header, payload, key: f.material });
    const [h = '', p = '', s = ''] = token.split('.');
    const signingInput = Buffer.from(`${h}.${p}`);
    const signature = Buffer.from(base64url.decode(s));
    // The extension keeps one KeyResolver: its cache is what makes the second signature cost what jose's does.
    const resolver = new KeyResolver();
    const engineSign = () => signToken({ header, payload, key: f.material, resolver });
    const engineVerify = async () => {
      const r = await verifyToken(token, f.material, { algorithms: [alg], resolver });
      if (!r.valid) throw new Error(r.message);
    };
    const options = { minMs: 300, rounds: 5 };

    results.push(await compare(`sign ${alg}: engine`, engineSign, 'jose, key imported',
      () => new SignJWT(payload).setProtectedHeader(header).sign(josePrivate), { ...options, target: 1.2 }));
    results.push(await compare(`verify ${alg}: engine`, engineVerify, 'jose, key imported',
      () => jwtVerify(token, josePublic, { algorithms: [alg] }), { ...options, target: 1.2 }));

    if (alg === 'EdDSA') {
      console.log('  (jsonwebtoken 9 does not support EdDSA: no jsonwebtoken row for it)');
    } else {
      const jwtAlg: Algorithm = alg;
      const signKey = alg === 'HS256' ? f.privateKey.export() : f.privateKey.export({ format: 'pem', type: 'pkcs8' });
      const verifyKey = alg === 'HS256' ? signKey : f.publicKey.export({ format: 'pem', type: 'spki' });
      results.push(await compare(`sign ${alg}: engine`, engineSign, 'jsonwebtoken (PEM/secret)',
        () => jwt.sign(payload, signKey, { algorithm: jwtAlg, noTimestamp: true }), { ...options, target: 1.0 }));
      results.push(await compare(`verify ${alg}: engine`, engineVerify, 'jsonwebtoken (PEM/secret)',
        () => jwt.verify(token, verifyKey, { algorithms: [jwtAlg] }), { ...options, target: 1.0 }));
    }

    results.push(await compare(`sign ${alg}: engine`, engineSign, 'raw node:crypto (floor)', () => rawSign(f, signingInput), options));
    results.push(await compare(`verify ${alg}: engine`, engineVerify, 'raw node:crypto (floor)', () => rawVerify(f, signingInput, signature), options));
  }
  return results;
}
