/**
 * Every command the extension registers, in one typed place. `package.json` contributes the same
 * ids (an integration test checks both directions), each with the `JWT` category.
 */
export const Command = {
  decodeToken: 'jwtWorkbench.decodeToken',
  decodeClipboard: 'jwtWorkbench.decodeClipboard',
  copyPayload: 'jwtWorkbench.copyPayload',
  copyHeader: 'jwtWorkbench.copyHeader',
  openInPanel: 'jwtWorkbench.openInPanel',
  openPanel: 'jwtWorkbench.openPanel',
  verifyToken: 'jwtWorkbench.verifyToken',
  signToken: 'jwtWorkbench.signToken',
  signWithKey: 'jwtWorkbench.signWithKey',
  showLog: 'jwtWorkbench.showLog',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];
