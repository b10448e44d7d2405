/**
 * Where the panel can connect: the embedded demo, local Supabase (127.0.0.1:54322), the entries of the
 * `supaguard.audit.connections` setting (no secrets there), and Postgres URLs kept whole in SecretStorage.
 * Passwords and URLs live only in SecretStorage. Real databases need a trusted workspace.
 */
import * as vscode from 'vscode';
import {
  createDemoDatabase,
  describeTarget,
  PostgresDatabase,
  resolveMapping,
  type AuditDatabase,
  type AuditLogOptions,
  type ColumnMapping,
  type ConnectionStatus,
  type ThresholdOverrides,
} from '../../../server/out/audit';
import type { ConnectionProvider } from './controller';
import type { ConnectionInfo } from './protocol';

interface ConnectionSetting {
  name: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  ssl?: boolean;
}

const DEMO_ID = 'demo';
const LOCAL_ID = 'local-supabase';
const URL_NAMES_KEY = 'supaguard.audit.urlConnections';
const passwordKey = (name: string) => `supaguard.audit.password:${name}`;
const urlKey = (name: string) => `supaguard.audit.url:${name}`;

/** The Supabase CLI's local database: the well-known development password, not a secret (SPEC §3). */
const LOCAL_SUPABASE: ConnectionSetting = { name: 'Local Supabase', host: '127.0.0.1', port: 54322, database: 'postgres', user: 'postgres', ssl: false };
const LOCAL_PASSWORD = 'postgres';

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('supaguard.audit');
}

function configured(): ConnectionSetting[] {
  const entries = settings().get<ConnectionSetting[]>('connections') ?? [];
  return entries.filter((e) => e && typeof e.name === 'string' && e.name.trim() !== '');
}

export function queryOptions(): AuditLogOptions {
  const config = settings();
  return {
    mapping: resolveMapping(config.get<Partial<ColumnMapping>>('columnMapping') ?? {}),
    thresholds: config.get<ThresholdOverrides>('thresholds') ?? {},
    timeoutMs: config.get<number>('statementTimeoutMs') ?? 10_000,
    pollIntervalMs: (config.get<number>('pollIntervalSeconds') ?? 5) * 1000,
    maxRows: 10_000,
  };
}

export class VsCodeConnections implements ConnectionProvider {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private async urlNames(): Promise<string[]> {
    try {
      const names = JSON.parse((await this.secrets.get(URL_NAMES_KEY)) ?? '[]');
      return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
    } catch {
      return [];
    }
  }

  async list(): Promise<ConnectionInfo[]> {
    const describe = (c: ConnectionSetting) => `${c.user ?? 'postgres'}@${c.host ?? 'localhost'}:${c.port ?? 5432}/${c.database ?? 'postgres'}${c.ssl ? ' (ssl)' : ''}`;
    return [
      { id: DEMO_ID, name: 'Demo database', description: 'Embedded PGlite with a generated week of audit history' },
      { id: LOCAL_ID, name: LOCAL_SUPABASE.name, description: describe(LOCAL_SUPABASE) },
      ...configured().map((c) => ({ id: `setting:${c.name}`, name: c.name, description: describe(c) })),
      ...(await this.urlNames()).map((name) => ({ id: `url:${name}`, name, description: 'Postgres URL (in secret storage)' })),
    ];
  }

  async open(id: string, onStatus: (status: ConnectionStatus) => void): Promise<{ database: AuditDatabase; options: AuditLogOptions }> {
    const options = queryOptions();
    if (id === DEMO_ID) {
      const demo = await createDemoDatabase();
      const stopTraffic = demo.startTraffic();
      const database = demo.database;
      const close = database.close.bind(database);
      database.close = async () => {
        stopTraffic();
        await close();
      };
      return { database, options };
    }
    if (!vscode.workspace.isTrusted) {
      throw new Error('Connecting to a database needs a trusted workspace: trust this folder first (the demo database works anywhere)');
    }
    if (id.startsWith('url:')) {
      const url = await this.secrets.get(urlKey(id.slice(4)));
      if (!url) throw new Error(`No URL stored for ${id.slice(4)}: add the connection again`);
      return { database: new PostgresDatabase({ connectionString: url }, { onStatus }), options };
    }
    const setting = id === LOCAL_ID ? LOCAL_SUPABASE : configured().find((c) => `setting:${c.name}` === id);
    if (!setting) throw new Error('This connection is no longer in the settings');
    const password = (await this.secrets.get(passwordKey(setting.name))) ?? (id === LOCAL_ID ? LOCAL_PASSWORD : await this.askPassword(setting.name));
    if (password === undefined) throw new Error(`No password for ${setting.name}`);
    const { host, port, database, user, ssl } = setting;
    return { database: new PostgresDatabase({ host, port, database, user, ssl, password }, { onStatus }), options };
  }

  async askPassword(name: string): Promise<string | undefined> {
    const password = await vscode.window.showInputBox({
      title: `Password for ${name}`,
      prompt: 'Kept in VS Code secret storage, never in settings',
      password: true,
      ignoreFocusOut: true,
    });
    if (password !== undefined) await this.secrets.store(passwordKey(name), password);
    return password;
  }

  /** Asks for a name and a Postgres URL; returns the new connection's id. */
  async addUrl(): Promise<string | undefined> {
    const url = await vscode.window.showInputBox({
      title: 'Add an audit-log connection',
      prompt: 'Postgres URL (postgres://user:password@host:5432/database). Stored in secret storage only.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/^postgres(ql)?:\/\/.+/.test(value.trim()) ? undefined : 'Expected postgres://… or postgresql://…'),
    });
    if (!url) return undefined;
    const name = await vscode.window.showInputBox({ title: 'Connection name', value: describeTarget({ connectionString: url.trim() }), ignoreFocusOut: true });
    if (!name) return undefined;
    await this.secrets.store(urlKey(name), url.trim());
    const names = new Set(await this.urlNames());
    names.add(name);
    await this.secrets.store(URL_NAMES_KEY, JSON.stringify([...names]));
    return `url:${name}`;
  }

  /** Sets (or replaces) the stored password of a connection from the settings or local Supabase. */
  async setPassword(): Promise<void> {
    const choices = [LOCAL_SUPABASE, ...configured()].map((c) => c.name);
    const name = await vscode.window.showQuickPick(choices, { title: 'Set the password of an audit-log connection' });
    if (name) await this.askPassword(name);
  }
}
