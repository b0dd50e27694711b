#!/usr/bin/env node
// Makes a fresh clone runnable: installs the Debian packages the test harness needs (only when
// missing, and only as root with apt-get; otherwise it prints the command), then runs `npm ci`
// when node_modules is missing or older than package-lock.json. Plain Node: it runs before
// anything is installed. `npm start` and `npm test` call it first (prestart/pretest).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const forTests = process.env.npm_lifecycle_event !== 'prestart';

// command → Debian package. Chromium drives the UI tests; rg, the C toolchain and Kerberos headers
// let code-server's native modules build from source (no prebuilt downloads on these machines).
const needed = [
  ['rg', 'ripgrep'],
  ['make', 'build-essential'],
  ['g++', 'build-essential'],
  ['pkg-config', 'pkg-config'],
  ['python3', 'python3'],
  ['krb5-config', 'libkrb5-dev'],
  ...(forTests ? [['chromium', 'chromium']] : []),
];

const has = cmd => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function ensureSystemPackages() {
  const missing = [...new Set(needed.filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.platform !== 'linux' || !has('apt-get') || process.getuid?.() !== 0) {
    console.error(`Missing system packages: ${missing.join(', ')}. Install them, e.g.:\n  sudo ${command}`);
    process.exit(1);
  }
  console.log(`bootstrap: installing ${missing.join(', ')}`);
  execFileSync('sh', ['-c', `DEBIAN_FRONTEND=noninteractive ${command}`], { stdio: 'inherit' });
}

const lockHash = () => createHash('sha256').update(fs.readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
const stamp = path.join(root, 'node_modules', '.jwt-workbench-install');

function installIsCurrent() {
  try {
    return fs.readFileSync(stamp, 'utf8') === lockHash();
  } catch {
    return false;
  }
}

/**
 * `npm ci` with the four fixes code-server needs on these machines:
 * root may run its postinstall; node-pty's `npx node-gyp` may run; @vscode/ripgrep finds Debian's
 * rg in its download cache instead of fetching one; native modules build from source.
 */
function npmCi() {
  const tmp = os.tmpdir();
  const cache = path.join(tmp, 'vscode-ripgrep-cache-1.15.11');
  // The asset name @vscode/ripgrep's postinstall looks for on this machine (see its lib/postinstall.js).
  const target = { x64: 'x86_64', arm64: 'aarch64' }[process.arch] ?? process.arch;
  const asset = path.join(cache, `ripgrep-v13.0.0-10-${target}-unknown-linux-musl.tar.gz`);
  if (!fs.existsSync(asset)) {
    fs.mkdirSync(cache, { recursive: true });
    const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
    // Written aside and renamed, so an interrupted run never leaves a half tarball that looks complete.
    execFileSync('tar', ['czf', `${asset}.partial`, '-C', path.dirname(rg), 'rg']);
    fs.renameSync(`${asset}.partial`, asset);
  }
  console.log('bootstrap: npm ci (about a minute on a fresh clone)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: tmp, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stamp, lockHash());
}

ensureSystemPackages();
if (!installIsCurrent()) npmCi();
