/**
 * The `jwtWorkbench.*` settings the editor surface reads, typed and read in one place. Values are
 * re-read on every `onDidChangeConfiguration` that touches them, so changes apply without a reload.
 */
import * as vscode from 'vscode';
import type { TimeZoneChoice } from '../core/time';
import { Disposable } from '../lifecycle';

/** What the hover, CodeLens and diagnostics need from the settings. */
export interface DecodeSettings {
  hoverEnabled: boolean;
  codeLensEnabled: boolean;
  diagnosticsEnabled: boolean;
  diagnosticsSeverity: vscode.DiagnosticSeverity;
  timeZone: TimeZoneChoice;
  /** CodeLens and diagnostics skip documents with more characters than this. */
  maxDocumentSize: number;
}

const SECTION = 'jwtWorkbench';

const SEVERITIES: Readonly<Record<string, vscode.DiagnosticSeverity>> = {
  Error: vscode.DiagnosticSeverity.Error,
  Warning: vscode.DiagnosticSeverity.Warning,
  Information: vscode.DiagnosticSeverity.Information,
  Hint: vscode.DiagnosticSeverity.Hint,
};

/** Reads the settings now, falling back to the declared defaults for missing or ill-typed values. */
export function readDecodeSettings(): DecodeSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const bool = (key: string, fallback: boolean): boolean => {
    const v = c.get<unknown>(key);
    return typeof v === 'boolean' ? v : fallback;
  };
  const severity = c.get<unknown>('diagnostics.severity');
  const zone = c.get<unknown>('timeZone');
  const max = c.get<unknown>('maxDocumentSize');
  return {
    hoverEnabled: bool('hover.enabled', true),
    codeLensEnabled: bool('codeLens.enabled', true),
    diagnosticsEnabled: bool('diagnostics.enabled', true),
    diagnosticsSeverity: (typeof severity === 'string' ? SEVERITIES[severity] : undefined) ?? vscode.DiagnosticSeverity.Information,
    timeZone: zone === 'utc' ? 'utc' : 'local',
    maxDocumentSize: typeof max === 'number' && max >= 0 ? max : 5 * 1024 * 1024,
  };
}

/**
 * The current settings, kept up to date; `onDidChange` fires after any `jwtWorkbench.*` change.
 */
export class DecodeSettingsWatcher extends Disposable {
  private value = readDecodeSettings();
  private readonly emitter = this._register(new vscode.EventEmitter<DecodeSettings>());

  /** Fires with the new settings after a `jwtWorkbench.*` setting changes. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration(e => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.value = readDecodeSettings();
      this.emitter.fire(this.value);
    }));
  }

  get current(): DecodeSettings {
    return this.value;
  }
}
