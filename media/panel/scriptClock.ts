/**
 * When this page's script started: imported first, so it runs before the controls are defined. The `ready`
 * message tells the host how much of the page's time was its own script, and how much VS Code's frame.
 */
export const scriptStart = performance.now();
