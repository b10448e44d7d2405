import type { Connection } from 'vscode-languageserver';
import { normalizeRules, type RuleSetting, type SeveritySetting } from '../engine/config';

/** The `supaguard.*` settings, read per document (a folder's settings may differ from the user's). */
export interface Settings {
  enable: boolean;
  /** `onType`: lint the buffer as it changes; `onSave`: keep the last result until the file is saved. */
  run: 'onType' | 'onSave';
  /** Rule severities and options laid over `supaguard.jsonc`. */
  rules: Record<string, RuleSetting>;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, run: 'onType', rules: {} };

/** Settings as the editor sent them, checked field by field: a bad value falls back to the default. */
export function toSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    run: value.run === 'onSave' ? 'onSave' : 'onType',
    rules: isRuleMap(value.rules) ? normalizeRules(value.rules) : {},
  };
}

function isRuleMap(value: unknown): value is Record<string, SeveritySetting | RuleSetting> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Pulls settings with `workspace/configuration` when the client supports it (cached per document until the
 * client says they changed); otherwise uses what arrived with `initialize` or `didChangeConfiguration`.
 */
export class SettingsStore {
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private global: Settings;

  constructor(
    private readonly connection: Connection,
    private readonly pullsConfiguration: boolean,
    initializationOptions: unknown,
  ) {
    this.global = toSettings(initializationOptions);
  }

  forDocument(uri: string): Promise<Settings> {
    if (!this.pullsConfiguration) return Promise.resolve(this.global);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'supaguard' })
        .then(toSettings, () => this.global);
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** `workspace/didChangeConfiguration`: push-style clients send the new values along. */
  changed(pushed: unknown): void {
    this.perDocument.clear();
    const section = (pushed as { supaguard?: unknown } | undefined)?.supaguard;
    if (!this.pullsConfiguration && section !== undefined) this.global = toSettings(section);
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }
}
