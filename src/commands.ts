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
  // The Keys view (src/keys). Each also takes an argument object and then runs without prompts.
  keysGenerate: 'jwtWorkbench.keys.generate',
  keysImport: 'jwtWorkbench.keys.import',
  keysList: 'jwtWorkbench.keys.list',
  keysExport: 'jwtWorkbench.keys.export',
  keysExportPrivate: 'jwtWorkbench.keys.exportPrivate',
  keysCreateCertificate: 'jwtWorkbench.keys.createCertificate',
  keysCreateCsr: 'jwtWorkbench.keys.createCsr',
  keysExportCertificate: 'jwtWorkbench.keys.exportCertificate',
  keysShowCertificate: 'jwtWorkbench.keys.showCertificate',
  keysRename: 'jwtWorkbench.keys.rename',
  keysCopyKid: 'jwtWorkbench.keys.copyKid',
  keysCopyThumbprint: 'jwtWorkbench.keys.copyThumbprint',
  keysDelete: 'jwtWorkbench.keys.delete',
  keysCopyRaw: 'jwtWorkbench.keys.copyRaw',
  keysBackup: 'jwtWorkbench.keys.backup',
  keysRestore: 'jwtWorkbench.keys.restore',
  // The Connected Apps view (src/profiles). The first six take argument objects for automation.
  profilesCreate: 'jwtWorkbench.profiles.create',
  profilesList: 'jwtWorkbench.profiles.list',
  profilesUpdate: 'jwtWorkbench.profiles.update',
  profilesDelete: 'jwtWorkbench.profiles.delete',
  profilesRequestToken: 'jwtWorkbench.profiles.requestToken',
  profilesCopyAccessToken: 'jwtWorkbench.profiles.copyAccessToken',
  profilesDuplicate: 'jwtWorkbench.profiles.duplicate',
  profilesImportGoogle: 'jwtWorkbench.profiles.importGoogle',
  profilesShowResult: 'jwtWorkbench.profiles.showResult',
  profilesRevealToken: 'jwtWorkbench.profiles.revealToken',
  profilesCopyAsCurl: 'jwtWorkbench.profiles.copyAsCurl',
  profilesInsertAuthorizationHeader: 'jwtWorkbench.profiles.insertAuthorizationHeader',
  profilesDecodeAccessToken: 'jwtWorkbench.profiles.decodeAccessToken',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];
