/**
 * Loads mocha's browser build (it defines the global `mocha`, `describe`, `it`…) and sets it up.
 * A module of its own, imported by index.ts before any test file, because imports run in order
 * and the test files call `describe` as soon as they load.
 */
import 'mocha/mocha.js';

mocha.setup({
  ui: 'bdd',
  timeout: 30_000,
  // Base prints nothing: index.ts collects the results from the runner's events.
  reporter: Mocha.reporters.Base,
});
