// oidc-provider 8 ships no types (and @types/oidc-provider would be one more dependency): what the test uses.
declare module 'oidc-provider' {
  import type { RequestListener } from 'node:http';
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): RequestListener;
  }
}
