/**
 * `npm start`: serves VS Code (code-server) with JWT Workbench loaded from source on the sample
 * workspace, prints the URL to open, and runs until Ctrl+C. Settings and state persist in
 * .test-output/start between runs. PORT picks the port (default 8080, else a free one).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exitOnSignals, freePort, startServer } from './lib/codeServer';
import { outputDir, sampleWorkspace } from './lib/paths';

async function main(): Promise<void> {
  // From the first moment: Ctrl+C, even while the server starts, stops it (a normal end for a server).
  exitOnSignals({ code: 0 });
  const runDir = path.join(outputDir, 'start');
  fs.mkdirSync(runDir, { recursive: true });
  const wanted = Number(process.env.PORT ?? 8080);
  const port = await portOrFree(wanted);
  const server = await startServer({ runDir, port });
  const url = server.url({ folder: sampleWorkspace });
  console.log('\nJWT Workbench is running in VS Code. Open this URL in a browser:\n');
  console.log(`  ${url}\n`);
  console.log(`(server log: ${server.logFile}; Ctrl+C stops it)`);
}

async function portOrFree(port: number): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    void res.body?.cancel();
    return freePort(); // something already answers there
  } catch {
    return port;
  }
}

main().catch(e => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
