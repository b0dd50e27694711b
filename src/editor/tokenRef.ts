/**
 * Where a token is in a document, as hover and CodeLens links pass it to the commands. Pure (no
 * `vscode`): the hover builder, the lenses, the commands and the decoded view all share it.
 */

/** Where a token is, for command links: its document URI (as a string) and its offset there. */
export interface TokenRef {
  uri: string;
  offset: number;
}

/** True for a `{ uri, offset }` argument as hover and CodeLens links pass it. */
export function isTokenRef(value: unknown): value is TokenRef {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.uri === 'string' && typeof v.offset === 'number' && Number.isInteger(v.offset) && v.offset >= 0;
}
