/**
 * `npm run test:electron`: the same integration suite in desktop VS Code, downloaded by
 * @vscode/test-electron (needs a network; on the offline CI machines `npm test` runs the suite
 * in the VS Code server instead). Version matches `engines.vscode` and the server's VS Code.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { root, sampleWorkspace } from '../../scripts/lib/paths';

runTests({
  version: process.env.VSCODE_VERSION ?? '1.100.3',
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
  launchArgs: [sampleWorkspace, '--disable-extensions', '--disable-workspace-trust'],
}).then(
  () => process.exit(0),
  e => {
    console.error(e instanceof Error ? e.message : e);
    console.error('test:electron downloads desktop VS Code and needs a network; offline, `npm test` runs the same suite in the VS Code server.');
    process.exit(1);
  },
);
