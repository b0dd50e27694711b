/** Every benchmark case, by name. Each case module owns its inputs and returns its comparisons. */
import type { BenchResult } from '../lib';

export const cases: Record<string, () => Promise<BenchResult[]>> = {};
cases.jose = () => import('./jose').then(m => m.joseCase());
cases.keys = () => import('./keys').then(m => m.keysCase());
cases.text = () => import('./text').then(m => m.textCase());
cases.editor = () => import('./editor').then(m => m.editorCase());
cases.oauth = () => import('./oauth').then(m => m.oauthCase());
cases.keysTree = () => import('./keysTree').then(m => m.keysTreeCase());
cases.panel = () => import('./panel').then(m => m.panelCase());
