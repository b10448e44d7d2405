import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import picomatch from 'picomatch';
import type { Severity } from './finding';
import { installRoot } from './install-root';
import { LineIndex } from './text';

export const CONFIG_FILE_NAME = 'supaguard.jsonc';
export const CONFIG_SCHEMA_PATH = path.join(installRoot(), 'server', 'schema', 'supaguard.schema.json');

export type SeveritySetting = Severity | 'off';

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

interface RawConfig {
  rules?: Record<string, SeveritySetting | RuleSetting>;
  exposedSchemas?: string[];
  migrations?: string[];
  privateTables?: string[];
  tenantColumns?: string[];
  ignore?: string[];
  overrides?: { files: string[]; rules: Record<string, SeveritySetting | RuleSetting> }[];
}

export interface ResolvedConfig {
  /** Absolute path of the config file, when one was found. */
  file?: string;
  rules: Record<string, RuleSetting>;
  /** Undefined: each Supabase project's config.toml decides, else `public`. */
  exposedSchemas?: string[];
  migrations: string[];
  privateTables: string[];
  tenantColumns: string[];
  ignore: string[];
  overrides: { matches: (relativePath: string) => boolean; rules: Record<string, RuleSetting> }[];
}

export const DEFAULT_MIGRATIONS = ['supabase/migrations/*.sql'];
export const DEFAULT_PRIVATE_TABLES = ['*conversation*', '*chat_message*', 'copilot_*'];
export const DEFAULT_TENANT_COLUMNS = ['workspace_id', 'org_id', 'organization_id', 'tenant_id', 'team_id'];

/** A config that cannot be used; its message is one line, ready for the user. */
export class ConfigError extends Error {}

export function defaultConfig(): ResolvedConfig {
  return resolve({}, undefined);
}

/** The nearest `supaguard.jsonc` at or above `startDir`. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads `explicitFile`, or the nearest config above `startDir`, or the defaults. */
export function loadConfig(options: { explicitFile?: string; startDir: string }): ResolvedConfig {
  const file = options.explicitFile ? path.resolve(options.explicitFile) : findConfigFile(options.startDir);
  if (!file) return defaultConfig();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ConfigError(missing ? `config file not found: ${options.explicitFile ?? file}` : `cannot read config file ${file}`);
  }
  return parseConfig(text, file);
}

export function parseConfig(text: string, file: string): ResolvedConfig {
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const pos = new LineIndex(text).positionAt(errors[0].offset);
    throw new ConfigError(
      `${file}:${pos.line + 1}:${pos.character + 1}: invalid JSONC (${printParseErrorCode(errors[0].error)})`,
    );
  }
  const validate = schemaValidator();
  if (!validate(raw)) {
    const error = validate.errors![0];
    const where = error.instancePath
      ? error.instancePath.slice(1).split('/').map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')).join('.')
      : '(top level)';
    const allowed = error.params && 'allowedValues' in error.params ? `: ${(error.params.allowedValues as string[]).join(', ')}` : '';
    throw new ConfigError(`${file}: ${where} ${error.message}${allowed}`);
  }
  return resolve(raw as RawConfig, file);
}

let compiledSchema: ReturnType<Ajv['compile']> | undefined;
function schemaValidator() {
  if (!compiledSchema) {
    const schema = JSON.parse(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8'));
    compiledSchema = new Ajv({ allErrors: false, strict: false }).compile(schema);
  }
  return compiledSchema;
}

function normalizeSetting(setting: SeveritySetting | RuleSetting): RuleSetting {
  return typeof setting === 'string' ? { severity: setting } : setting;
}

export function normalizeRules(rules: RawConfig['rules']): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rules ?? {})) out[id] = normalizeSetting(setting);
  return out;
}

function resolve(raw: RawConfig, file: string | undefined): ResolvedConfig {
  return {
    file,
    rules: normalizeRules(raw.rules),
    exposedSchemas: raw.exposedSchemas,
    migrations: raw.migrations ?? DEFAULT_MIGRATIONS,
    privateTables: raw.privateTables ?? DEFAULT_PRIVATE_TABLES,
    tenantColumns: raw.tenantColumns ?? DEFAULT_TENANT_COLUMNS,
    ignore: raw.ignore ?? [],
    overrides: (raw.overrides ?? []).map((o) => ({
      matches: picomatch(o.files, { dot: true }),
      rules: normalizeRules(o.rules),
    })),
  };
}

/** The effective setting of a rule for one file: defaults, then `rules`, then matching `overrides`. */
export function ruleSettingFor(
  config: ResolvedConfig,
  ruleIds: readonly string[],
  relativePath: string,
): RuleSetting {
  let setting: RuleSetting = {};
  const layers = [config.rules, ...config.overrides.filter((o) => o.matches(relativePath)).map((o) => o.rules)];
  for (const layer of layers) {
    for (const id of ruleIds) {
      const s = layer[id];
      if (s) setting = { severity: s.severity ?? setting.severity, options: { ...setting.options, ...s.options } };
    }
  }
  return setting;
}
