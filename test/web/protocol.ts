/**
 * What the web tests entry (test/web/index.ts, in the web worker) and the harness (test/harness/web.ts,
 * in Node) agree on. Plain constants only: both bundles import this file.
 */

/** Starts the one console line that carries the results: `JWT_WORKBENCH_WEB_RESULTS <SuiteResult JSON>`. */
export const RESULTS_MARKER = 'JWT_WORKBENCH_WEB_RESULTS';

/**
 * A user setting (not contributed by the extension, but readable through `getConfiguration`) that
 * carries `--grep` into the web worker, which has no environment variables.
 */
export const GREP_SETTING = { section: 'jwtWorkbenchTests', key: 'grep' } as const;
