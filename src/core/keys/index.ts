/**
 * The key pipeline: one reader (`read`) for everything a person gives, one chooser (`select`), one resolver
 * with its own cache (`resolver`), and key material made, exported and described (`material`, `generate`,
 * `export`). The guard that keeps key text from becoming an HMAC secret is in `guard`.
 */
export { readKeys, secretEncodingsOf, isKeyMaterial, isJwkSet, isStoredKeyRef, MAX_KEY_TEXT, MAX_SET_KEYS } from './read';
export type { KeyCandidates, KeyLookup, KeyReadOptions, KeySource } from './read';
export { chooseKeys, chooseOneKey, listKeys } from './select';
export type { KeyPurpose } from './select';
export { KeyResolver } from './resolver';
export type { JoseKey, KeyResolverOptions, ResolveOptions } from './resolver';
export { decodeSecret } from './secret';
export { refuseKeyText } from './guard';
export { importKey, thumbprint, publicKeyOf, keyTypeLabel, describeKey, loadKeyPair } from './material';
export type { ImportKeyOptions } from './material';
export { generateKey } from './generate';
export type { KeySpec } from './generate';
export { exportKey } from './export';
export type { KeyExportFormat } from './export';
