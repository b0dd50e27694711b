/**
 * The panel's message protocol checks, the persisted state (never a secret), the claim rows and the panel's
 * actions on the engine, in plain Node (one input per assertion).
 */
import * as assert from 'node:assert/strict';
import { KeyResolver, signToken } from '../../src/core';
import { claimChecks } from '../../src/panel/claimChecks';
import { PanelActions } from '../../src/panel/panelActions';
import { RESULT_CHECKS, describeDropped, parseFromHost, parseFromWebview, parseState } from '../../src/panel/protocol';

const pasted = { kind: 'pasted', text: 'secret', encoding: 'utf8' };

describe('panel protocol: messages from the webview', () => {
  it('accepts ready, rendered, copy, insert and each request', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'rendered', seq: 3 }), { type: 'rendered', seq: 3 });
    assert.deepEqual(parseFromWebview({ type: 'copy', text: 'a.b.c' }), { type: 'copy', text: 'a.b.c' });
    assert.deepEqual(parseFromWebview({ type: 'insert', token: 'a.b.c' }), { type: 'insert', token: 'a.b.c' });
    const verify = { type: 'request', id: 1, method: 'verify', params: { token: 'a.b.c', key: pasted, algorithms: [] } };
    assert.deepEqual(parseFromWebview(verify), verify);
    const sign = { type: 'request', id: 2, method: 'sign', params: { header: { alg: 'HS256' }, payload: {}, key: { kind: 'stored', ref: 'k1' } } };
    assert.deepEqual(parseFromWebview(sign), sign);
  });

  it('drops an unknown type', () => assert.equal(parseFromWebview({ type: 'eval', code: '1' }), undefined));
  it('keeps the page\'s timings in ready only when they are durations', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready', pageMs: 120, scriptMs: 40 }), { type: 'ready', pageMs: 120, scriptMs: 40 });
    assert.deepEqual(parseFromWebview({ type: 'ready', pageMs: -1, scriptMs: 'fast' }), { type: 'ready' });
  });

  it('drops a message that is not an object', () => assert.equal(parseFromWebview('ready'), undefined));
  it('drops an unknown request method', () => assert.equal(parseFromWebview({ type: 'request', id: 1, method: 'exportKey', params: {} }), undefined));
  it('drops a request without a whole-number id', () => assert.equal(parseFromWebview({ type: 'request', id: 1.5, method: 'keyInfo', params: { key: pasted } }), undefined));
  it('drops a sign request whose header is not an object', () =>
    assert.equal(parseFromWebview({ type: 'request', id: 1, method: 'sign', params: { header: '{}', payload: {}, key: pasted } }), undefined));
  it('drops a key source that carries a private JWK', () =>
    assert.equal(parseFromWebview({ type: 'request', id: 1, method: 'keyInfo', params: { key: { kind: 'jwk', jwk: { kty: 'oct', k: 'AA' } } } }), undefined));
  it('drops an unknown secret encoding', () =>
    assert.equal(parseFromWebview({ type: 'request', id: 1, method: 'keyInfo', params: { key: { ...pasted, encoding: 'latin1' } } }), undefined));
  it('drops a verify whose algorithms are not a list of names', () =>
    assert.equal(parseFromWebview({ type: 'request', id: 1, method: 'verify', params: { token: 'a.b.c', key: pasted, algorithms: 'HS256' } }), undefined));
  it('drops a token over the size bound', () =>
    assert.equal(parseFromWebview({ type: 'copy', text: 'x'.repeat(1_100_001) }), undefined));

  it('describes a dropped message by its type only, never its content', () => {
    assert.equal(describeDropped({ type: 'exfiltrate', secret: 'hunter2' }), 'a message "exfiltrate"');
    assert.equal(describeDropped({ type: 'request', method: 'steal', params: { key: 'hunter2' } }), 'a message "request" (method "steal")');
    assert.equal(describeDropped({ type: 'hunter2 is the password' }), 'a message without a known type');
  });
});

describe('panel protocol: messages from the host', () => {
  it('accepts show, keys and replies', () => {
    assert.deepEqual(parseFromHost({ type: 'show', seq: 1, token: 'a.b.c', timeZone: 'utc' }), { type: 'show', seq: 1, token: 'a.b.c', timeZone: 'utc' });
    assert.deepEqual(parseFromHost({ type: 'reply', id: 4, ok: false, code: 'KEY_FORMAT', message: 'm' }), { type: 'reply', id: 4, ok: false, code: 'KEY_FORMAT', message: 'm' });
  });
  it('drops a key list entry without its facts', () => assert.equal(parseFromHost({ type: 'keys', keys: [{ ref: 'x' }] }), undefined));
  it('drops a show with an unknown time zone', () => assert.equal(parseFromHost({ type: 'show', seq: 1, timeZone: 'mars' }), undefined));
  it('checks a verify result before the page shows it', () => {
    assert.equal(RESULT_CHECKS.verify({ valid: true, message: 'Signature valid', checks: [], algorithms: ['HS256'] }), true);
    assert.equal(RESULT_CHECKS.verify({ valid: 'yes', message: 'x', checks: [], algorithms: [] }), false);
  });
});

describe('panel state (persisted by the webview)', () => {
  it('keeps the token, the JSON and the key source', () => {
    const state = { token: 'a.b.c', header: '{}', payload: '{}', keyKind: 'stored', keyRef: 'k1' };
    assert.deepEqual(parseState(state), state);
  });
  it('drops any other member, such as a secret', () => {
    assert.deepEqual(parseState({ token: 't', header: '', payload: '', keyKind: 'pasted', secret: 'hunter2', passphrase: 'p' }),
      { token: 't', header: '', payload: '', keyKind: 'pasted' });
  });
  it('refuses a damaged state (the panel starts empty)', () => assert.equal(parseState({ token: 1 }), undefined));
});

describe('panel claim rows', () => {
  const now = new Date('2026-11-23T16:00:00Z');
  const at = (iso: string): number => Date.parse(iso) / 1000;
  it('exp in the future', () =>
    assert.deepEqual(claimChecks({ exp: at('2026-11-23T16:12:30Z') }, { now }), [{ claim: 'exp', ok: true, text: 'expires in 12 min' }]));
  it('exp in the past, inside the tolerance', () =>
    assert.deepEqual(claimChecks({ exp: at('2026-11-23T15:59:30Z') }, { now, clockTolerance: 60 }), [{ claim: 'exp', ok: true, text: 'expired 30 s ago, within the clock tolerance' }]));
  it('exp in the past', () =>
    assert.deepEqual(claimChecks({ exp: at('2026-11-23T15:48:00Z') }, { now }), [{ claim: 'exp', ok: false, text: 'expired 12 min ago' }]));
  it('nbf in the future', () =>
    assert.deepEqual(claimChecks({ nbf: at('2026-11-23T17:00:00Z') }, { now }), [{ claim: 'nbf', ok: false, text: 'becomes valid in 1 h' }]));
  it('aud not the expected one', () =>
    assert.deepEqual(claimChecks({ aud: 'orders' }, { now, audience: ['payments'] }), [{ claim: 'aud', ok: false, text: 'is "orders" but "payments" was expected' }]));
  it('aud list holding the expected one', () =>
    assert.deepEqual(claimChecks({ aud: ['a', 'payments'] }, { now, audience: ['payments'] }), [{ claim: 'aud', ok: true, text: 'is ["a","payments"]' }]));
  it('iss missing', () =>
    assert.deepEqual(claimChecks({}, { now, issuer: 'https://i.example' }), [{ claim: 'iss', ok: false, text: 'is missing but "https://i.example" was expected' }]));
  it('a required claim missing', () =>
    assert.deepEqual(claimChecks({}, { now, requiredClaims: ['sub'] }), [{ claim: 'sub', ok: false, text: 'is required but missing' }]));
  it('no rows for a payload that is not claims', () => assert.deepEqual(claimChecks('text', { now }), []));
});

describe('panel actions', () => {
  const secret = 'unit-test-shared-secret-of-32-bytes!';
  const actions = new PanelActions(new KeyResolver(), undefined, () => new Date('2026-11-23T16:00:00Z'));

  it('verify with no algorithm chosen allows what the key can do', async () => {
    const token = await signToken({ header: { alg: 'HS256' }, payload: { sub: 'a' }, key: secret });
    const reply = await actions.verify({ token, key: { kind: 'pasted', text: secret, encoding: 'utf8' }, algorithms: [] });
    assert.deepEqual([reply.valid, reply.message, reply.algorithms], [true, 'Signature valid', ['HS256', 'HS384', 'HS512']]);
  });

  it('verify "as of" a time after exp says expired', async () => {
    const token = await signToken({ header: { alg: 'HS256' }, payload: { exp: Date.parse('2026-11-23T17:00:00Z') / 1000 }, key: secret });
    const reply = await actions.verify({ token, key: { kind: 'pasted', text: secret, encoding: 'utf8' }, algorithms: ['HS256'], asOf: '2026-11-24T00:00:00Z' });
    assert.equal(reply.code, 'CLAIM_EXPIRED');
    assert.deepEqual(reply.checks, [{ claim: 'exp', ok: false, text: 'expired 7 h ago' }]);
  });

  it('a URL key source without a fetcher is named', async () => {
    const reply = await actions.verify({ token: 'a.b.c', key: { kind: 'jwksUrl', url: 'https://k.example/jwks' }, algorithms: [] });
    assert.deepEqual([reply.code, reply.message], ['NETWORK_UNREACHABLE', 'Fetching keys from a URL is not available here.']);
  });

  it('an empty pasted key says what to paste', async () => {
    await assert.rejects(actions.sign({ header: { alg: 'HS256' }, payload: {}, key: { kind: 'pasted', text: ' ', encoding: 'utf8' } }),
      { code: 'KEY_NOT_FOUND', message: 'No key was given: paste a secret, a PEM key or certificate, a JWK or a JWKS.' });
  });

  it('a stored key the catalog does not know', async () => {
    await assert.rejects(actions.sign({ header: { alg: 'HS256' }, payload: {}, key: { kind: 'stored', ref: 'gone' } }), { code: 'KEY_NOT_FOUND' });
  });
});
