/**
 * The engine objects the extension shares between surfaces: one KeyResolver (imported signing keys are
 * kept between requests; stored keys are found by id or kid in the Keys store) and one
 * CertificateFactsCache (what preflight read of each certificate). Made once in `activate`; token
 * requests and the sign/verify panel use the same objects. Keys that change or go are forgotten at once.
 */
import type * as vscode from 'vscode';
import { CertificateFactsCache, KeyResolver } from './core';
import type { KeyStore } from './keys/keyStore';

export interface EngineServices extends vscode.Disposable {
  readonly resolver: KeyResolver;
  readonly certificates: CertificateFactsCache;
}

export function createEngineServices(keys: KeyStore): EngineServices {
  const resolver = new KeyResolver({ lookup: async ref => (await keys.findKey(ref))?.key });
  const subscription = keys.onDidChange(change => {
    // A kid-less change (an unreadable entry) may hide anything: forget all.
    if (change.kids.length === 0) resolver.forget();
    for (const kid of change.kids) resolver.forget(kid);
  });
  return { resolver, certificates: new CertificateFactsCache(), dispose: () => subscription.dispose() };
}
