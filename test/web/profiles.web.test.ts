/**
 * Connected Apps in VS Code for the Web's web worker: profiles are created, listed and deleted through
 * their automation commands, and a request without a key stops at the preflight (nothing is sent).
 */
import * as vscode from 'vscode';
import { Command } from '../../src/commands';
import { equal, fail, ok } from './assert';

const run = <T>(command: string, args?: unknown): Promise<T> => Promise.resolve(vscode.commands.executeCommand<T>(command, args));

describe('Connected Apps commands in VS Code for the Web (web worker)', () => {
  it('creates, lists and deletes a Salesforce profile; a request without a key stops at the preflight', async () => {
    const { id } = await run<{ id: string }>(Command.profilesCreate, { kind: 'salesforce', name: 'web profile', consumerKey: 'ck', username: 'admin@acme.com.uat', org: 'sandbox' });
    const listed = await run<Array<{ id: string; kind: string; org?: string }>>(Command.profilesList);
    const row = listed.find(p => p.id === id) ?? fail(`the new profile is listed: ${JSON.stringify(listed)}`);
    equal(row.kind, 'salesforce');
    equal(row.org, 'sandbox');
    const result = await run<{ ok: boolean; error?: string; findings?: Array<{ code: string }> }>(Command.profilesRequestToken, { id });
    equal(result.ok, false);
    equal(result.error, 'PREFLIGHT');
    ok(result.findings?.some(f => f.code === 'NO_PRIVATE_KEY'), JSON.stringify(result.findings));
    equal(JSON.stringify(await run(Command.profilesDelete, { id })), JSON.stringify({ deleted: id }));
  });
});
