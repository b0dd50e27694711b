/**
 * A real VS Code (the npm package `code-server`, VS Code 1.100) on 127.0.0.1, isolated from the
 * user's home: its own user-data, extensions, HOME and XDG folders under one run directory.
 * Started in its own process group so that stopping it leaves no child behind. Shared by `npm start`
 * (scripts/dev-server.ts) and the test harness (test/harness/), which adds the test runners.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { root } from './paths';

export interface Server {
  port: number;
  runDir: string;
  logFile: string;
  /** The workbench URL for `folder`, with the extension loaded from source and, optionally, tests to run. */
  url(options: { folder: string; extensionTests?: string }): string;
  stop(): Promise<void>;
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'security.workspace.trust.enabled': false,
  'editor.hover.delay': 150,
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

/**
 * Process groups of servers still running. Whatever ends this process — a finished run, Ctrl+C, or a
 * library calling process.exit (Playwright does on SIGINT) — takes them down too: nothing outlives it.
 */
const liveGroups = new Set<number>();
process.once('exit', () => {
  // SIGTERM lets VS Code save its state and stop its children; nothing here can wait for it.
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
});

/**
 * Makes Ctrl+C, SIGTERM and a closed terminal end this process (and so, through the exit hook, its
 * servers), with `code` (default: 130, interrupted).
 */
export function exitOnSignals(options: { onSignal?: () => void; code?: number } = {}): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      options.onSignal?.();
      process.exit(options.code ?? 130);
    });
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startServer(options: {
  runDir: string;
  port?: number;
  /** Environment for the server; the extension host inherits it. */
  env?: Record<string, string>;
  /** User settings added to (or overriding) the defaults below, e.g. `remote.extensionKind` for the web suite. */
  userSettings?: Record<string, unknown>;
}): Promise<Server> {
  const { runDir } = options;
  const port = options.port ?? (await freePort());
  const home = path.join(runDir, 'home');
  const userData = path.join(runDir, 'data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(path.join(runDir, 'extensions'), { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...options.userSettings }, null, 2));
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, ''); // otherwise code-server writes ~/.config/code-server/config.yaml
  const logFile = path.join(runDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const bin = path.join(root, 'node_modules', '.bin', 'code-server');
  const child: ChildProcess = spawn(
    bin,
    [
      '--config', config,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', path.join(runDir, 'extensions'),
    ],
    {
      detached: true, // own process group: stop() kills the file watcher and extension hosts too
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, '.config'),
        XDG_DATA_HOME: path.join(home, '.local', 'share'),
        XDG_CACHE_HOME: path.join(home, '.cache'),
        ...options.env,
      },
    },
  );
  fs.closeSync(log);
  let failure: Error | undefined; // a spawn error (no code-server installed) arrives as an event
  child.once('error', e => (failure = e));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`code-server did not start: ${child.spawnfile} could not be run (run npm ci)`);
  liveGroups.add(pid);
  let exited = false;
  child.once('exit', () => (exited = true));

  const killGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      /* already gone */
    }
  };
  const stop = async (): Promise<void> => {
    if (!exited) {
      const gone = new Promise<void>(resolve => child.once('exit', () => resolve()));
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    }
    // The group outlives its leader (file watcher, extension hosts): make sure all of it is gone.
    killGroup('SIGKILL');
    for (let i = 0; i < 40 && groupAlive(pid); i++) await new Promise(r => setTimeout(r, 50));
    liveGroups.delete(pid);
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (failure) throw new Error(`code-server could not be started: ${failure.message} (run npm ci)`);
    if (exited) {
      await stop();
      throw new Error(`code-server exited during start:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 30 s:\n${tail(logFile)}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }

  const host = `127.0.0.1:${port}`;
  return {
    port,
    runDir,
    logFile,
    url({ folder, extensionTests }) {
      const u = new URL(`http://${host}/`);
      u.searchParams.set('folder', folder);
      const payload: [string, string][] = [['extensionDevelopmentPath', `vscode-remote://${host}${root}`]];
      if (extensionTests) payload.push(['extensionTestsPath', `vscode-remote://${host}${extensionTests}`]);
      u.searchParams.set('payload', JSON.stringify(payload));
      return u.toString();
    },
    stop,
  };
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** True while any process of the group is there (signal 0 only asks). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
