/** Writing keys out: PKCS#8 / SPKI PEM, or JWK / JWK Set JSON with kid, use and alg. */
import { exportPKCS8, exportSPKI, importJWK } from 'jose';
import { WorkbenchError } from '../errors';
import type { JWKSet, KeyMaterial } from '../types';
import { importAlg, keyParams } from './jwk';
import { assertKeyMaterial, withMeta } from './material';

/** What {@link exportKey} writes. */
export type KeyExportFormat = 'private-pem' | 'public-pem' | 'private-jwk' | 'public-jwk' | 'public-jwks';

/**
 * The key written out as text. Async because PEM export goes through WebCrypto.
 * @throws WorkbenchError `KEY_NOT_PRIVATE` when a private form is asked of a public key;
 *   `KEY_UNSUPPORTED` for the PEM or public forms of an HMAC secret; `OPTION_INVALID` for an unknown format.
 * @example await exportKey(key, 'public-jwks') // '{\n  "keys": [ … ]\n}'
 */
export async function exportKey(key: KeyMaterial, format: KeyExportFormat): Promise<string> {
  assertKeyMaterial(key);
  if (!['private-pem', 'public-pem', 'private-jwk', 'public-jwk', 'public-jwks'].includes(format)) {
    throw new WorkbenchError('OPTION_INVALID', 'The export format must be private-pem, public-pem, private-jwk, public-jwk or public-jwks.');
  }
  const wantsPrivate = format === 'private-pem' || format === 'private-jwk';
  if (wantsPrivate && !key.privateJwk) {
    throw new WorkbenchError('KEY_NOT_PRIVATE', `This key (kid ${key.kid}) is public only: it has no private part to export.`, { kid: key.kid });
  }
  if (key.kty === 'oct' && format !== 'private-jwk') {
    throw new WorkbenchError('KEY_UNSUPPORTED',
      'An HMAC secret has no public part and no PEM form: export it as a private JWK (and keep it secret).');
  }
  const meta = { kid: key.kid, ...(key.alg ? { alg: key.alg } : {}), ...(key.use ? { use: key.use } : {}) };
  const source = wantsPrivate ? key.privateJwk ?? key.publicJwk : key.publicJwk;
  switch (format) {
    case 'private-jwk':
      return JSON.stringify(withMeta(keyParams(source, 'private'), meta), null, 2);
    case 'public-jwk':
      return JSON.stringify(withMeta(keyParams(source, 'public'), meta), null, 2);
    case 'public-jwks':
      return JSON.stringify({ keys: [withMeta(keyParams(source, 'public'), meta)] } satisfies JWKSet, null, 2);
    case 'private-pem':
    case 'public-pem': {
      const params = keyParams(source, wantsPrivate ? 'private' : 'public');
      const cryptoKey = await importJWK(params, importAlg(params), { extractable: true });
      if (cryptoKey instanceof Uint8Array) throw new WorkbenchError('INTERNAL', 'A key pair was loaded as a secret while exporting it.');
      return `${wantsPrivate ? await exportPKCS8(cryptoKey) : await exportSPKI(cryptoKey)}\n`;
    }
  }
}
