import type { Range } from '../../engine/finding';
import { as, definitionOptions, isTruthyOption, names, optionText, some, walk, type PgNode } from './ast';
import { lazyLocation, nameAfterKeyword, nameAtLocation, statementTokens, type SqlLocation } from './locate';
import type { ParsedSqlFile, SqlStatement } from './parse';
import { bodyQueries, doBlockStatements } from './function-body';

/**
 * The schema at the end of a migration history, built by replaying every statement in order. Objects
 * remember the statement that created them and each statement that changed them, so findings can land
 * on the statement that matters and point at the others.
 */
export interface SchemaModel {
  /** Tables the history creates. */
  tables: TableModel[];
  /** Supabase's own tables the history writes policies for (`storage.objects`, `realtime.messages`). */
  platformTables: TableModel[];
  functions: FunctionModel[];
  views: ViewModel[];
  /** `grant` statements on tables (and `alter default privileges` on tables), in history order. */
  tableGrants: TableGrant[];
}

export type Command = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface ColumnModel {
  name: string;
  /** Type name as written, lower-cased, last component (`text`, `varchar`, `uuid`). */
  type: string;
  at: SqlLocation;
}

export interface RlsChange {
  enabled: boolean;
  /** The statement, and its `enable`/`disable row level security` words. */
  at: SqlLocation;
}

export interface TableModel {
  schema: string;
  name: string;
  /** The `create table` statement and the table's name in it. */
  created: SqlLocation;
  columns: ColumnModel[];
  rlsEnabled: boolean;
  /** Every `enable`/`disable row level security` on this table, in order. */
  rlsChanges: RlsChange[];
  policies: PolicyModel[];
  /** Roles among `anon`, `authenticated` that still hold a privilege on the table (Supabase grants both). */
  apiRoles: Set<string>;
  /** Every statement after the create that changed the table. */
  changes: SqlStatement[];
  /**
   * Set for Supabase's own tables that the history only writes policies for (`storage.objects`,
   * `realtime.messages`): Storage or Realtime serves them to anon and authenticated with RLS on, whatever
   * schemas the Data API exposes. `created` is then the first statement that named the table. Such tables
   * are listed in `SchemaModel.platformTables`, not `tables`.
   */
  servedBy?: 'storage' | 'realtime';
}

export interface PolicyModel {
  name: string;
  table: TableModel;
  command: Command;
  /** Lower-cased role names; `public` when the policy has no `TO` clause. */
  roles: string[];
  /** Whether `TO` was written (a policy without it applies to every role, `anon` included). */
  rolesWritten: boolean;
  permissive: boolean;
  using?: PgNode;
  withCheck?: PgNode;
  /** The statements that wrote `using` and `withCheck` (node locations are relative to them). */
  usingStatement?: SqlStatement;
  withCheckStatement?: SqlStatement;
  /** The statement that last defined the policy (create, or the latest alter), and the policy name in it. */
  at: SqlLocation;
  /** The create statement when a later `alter policy` changed it. */
  created: SqlLocation;
}

export interface FunctionModel {
  schema: string;
  name: string;
  /** Input parameters: lower-cased name (`$n` for unnamed ones) and type (last name component, `[]` for arrays). */
  parameters: { name: string; type: string }[];
  /** Return type, lower-cased, last name component (`void`, `trigger`, `users`, `setof`-ness separately). */
  returnType: string;
  returnSchema: string | undefined;
  returnsSet: boolean;
  /** Procedures run with `call`: the Data API cannot reach them. */
  isProcedure: boolean;
  language: string;
  securityDefiner: boolean;
  /** The `set search_path` of the function: schema list (`[]` for `''`), `'from current'`, or undefined. */
  searchPath: string[] | 'from current' | undefined;
  /** The body text and where it starts in its file (UTF-16), when the body is a string literal. */
  body?: { text: string; start: number; parsed: ParsedSqlFile };
  /** `begin atomic … end` bodies, already parsed. */
  sqlBody?: PgNode;
  /** Roles that may call it: Postgres grants `public`, Supabase also `anon` and `authenticated`. */
  executableBy: Set<string>;
  at: SqlLocation;
  changes: SqlStatement[];
}

export interface ViewModel {
  schema: string;
  name: string;
  materialized: boolean;
  securityInvoker: boolean;
  query: PgNode;
  /** Relations the view reads from (`schema.name`, unqualified ones in the default schema). */
  sources: string[];
  at: SqlLocation;
  changes: SqlStatement[];
  /** Roles among `anon`, `authenticated` that still hold a privilege on it (`select`, for a materialized view). */
  apiRoles: Set<string>;
}

export interface TableGrant {
  at: SqlLocation;
  isGrant: boolean;
  /** Lower-cased privileges; `all` for `all privileges`. */
  privileges: string[];
  /** Lower-cased grantees (`public` for PUBLIC) and where each is written. */
  grantees: { role: string; at: SqlLocation }[];
  /** `alter default privileges … on tables` rather than a grant on existing tables. */
  isDefault: boolean;
  /** Schemas of the tables it covers; undefined when it covers every schema (default privileges without `in schema`). */
  schemas: string[] | undefined;
  /** What it covers: `schema.table`, `schema.*` (all tables in schema), `default:schema` or `default:*`. */
  targets: string[];
}

const API_ROLES = ['anon', 'authenticated'];

/** Tables Supabase creates with RLS on and serves through another API than PostgREST. */
const PLATFORM_TABLES = new Map<string, NonNullable<TableModel['servedBy']>>([
  ['storage.objects', 'storage'],
  ['storage.buckets', 'storage'],
  // Realtime Authorization: who may receive and send broadcast and presence on private channels.
  ['realtime.messages', 'realtime'],
]);

interface DefaultPrivilege {
  objectType: 'OBJECT_TABLE' | 'OBJECT_FUNCTION';
  schemas: string[] | undefined;
  isGrant: boolean;
  privileges: string[];
  roles: string[];
}

/** Replays a history into a model. Statements the model does not understand are ignored. */
export function buildSchemaModel(history: readonly ParsedSqlFile[]): SchemaModel {
  return new Replay().run(history);
}

class Replay {
  private readonly tables = new Map<string, TableModel>();
  private readonly functions = new Map<string, FunctionModel[]>();
  private readonly views = new Map<string, ViewModel>();
  private readonly tableGrants: TableGrant[] = [];
  private readonly defaults: DefaultPrivilege[] = [];
  private readonly privileges = new Map<TableModel | ViewModel, RolePrivileges>();
  private defaultSchema = 'public';
  private parsed!: ParsedSqlFile;
  /** Event triggers that enable RLS on every table created after them, by name, with where they are created. */
  private readonly rlsEventTriggers = new Map<string, SqlLocation>();

  run(history: readonly ParsedSqlFile[]): SchemaModel {
    for (const parsed of history) {
      this.parsed = parsed;
      // Each migration runs in a fresh session: a `set search_path` lasts until the end of its file.
      this.defaultSchema = 'public';
      for (const statement of parsed.statements) this.apply(statement);
    }
    const tables = [...this.tables.values()];
    return {
      tables: tables.filter((t) => !t.servedBy),
      platformTables: tables.filter((t) => t.servedBy),
      functions: [...this.functions.values()].flat(),
      views: [...this.views.values()],
      tableGrants: this.tableGrants,
    };
  }

  private apply(statement: SqlStatement): void {
    const n = statement.node;
    switch (statement.kind) {
      case 'CreateStmt':
        return this.createTable(statement, n.relation, n.if_not_exists, n.tableElts);
      case 'CreateTableAsStmt':
        if (n.objtype === 'OBJECT_MATVIEW') return this.createView(statement, n.into.rel, n.query, undefined, true);
        return this.createTable(statement, n.into.rel, n.if_not_exists, []);
      case 'ViewStmt':
        return this.createView(statement, n.view, n.query, n.options, false);
      case 'AlterTableStmt':
        return this.alterTable(statement, n);
      case 'RenameStmt':
        return this.rename(statement, n);
      case 'AlterObjectSchemaStmt':
        return this.moveSchema(statement, n);
      case 'DropStmt':
        return this.drop(n);
      case 'CreatePolicyStmt':
        return this.createPolicy(statement, n);
      case 'AlterPolicyStmt':
        return this.alterPolicy(statement, n);
      case 'CreateFunctionStmt':
        return this.createFunction(statement, n);
      case 'AlterFunctionStmt':
        return this.alterFunction(statement, n);
      case 'GrantStmt':
        return this.grant(statement, n);
      case 'AlterDefaultPrivilegesStmt':
        return this.alterDefaults(statement, n);
      case 'CreateEventTrigStmt':
        if (this.enablesRlsOnNewTables(n)) this.rlsEventTriggers.set(n.trigname, { statement, range: statement.range });
        return;
      case 'AlterEventTrigStmt':
        // `disable` stops it; `enable`, `enable replica` and `enable always` keep it firing for migrations.
        if (n.tgenabled === 'D') this.rlsEventTriggers.delete(n.trigname);
        return;
      case 'DoStmt':
        for (const embedded of doBlockStatements(this.parsed, statement)) this.apply(embedded);
        return;
      case 'VariableSetStmt':
        if (String(n.name).toLowerCase() === 'search_path' && n.kind === 'VAR_SET_VALUE') {
          const first = searchPathOf(n).find((s) => s !== '$user');
          this.defaultSchema = first ?? 'public';
        }
        return;
    }
  }

  private key(schema: string, name: string): string {
    return `${schema}.${name}`;
  }

  private relationKey(rangeVar: PgNode): string {
    return this.key(rangeVar.schemaname ?? this.defaultSchema, rangeVar.relname);
  }

  private nameOf(statement: SqlStatement, rangeVar: PgNode): SqlLocation {
    const parsed = this.parsed;
    return lazyLocation(statement, () => nameAtLocation(parsed, statement, rangeVar.location));
  }

  private createTable(statement: SqlStatement, relation: PgNode, ifNotExists: boolean, elements: unknown): void {
    if (!relation || relation.relpersistence === 't') return;
    const key = this.relationKey(relation);
    if (ifNotExists && this.tables.has(key)) return;
    const schema = relation.schemaname ?? this.defaultSchema;
    const table: TableModel = {
      schema,
      name: relation.relname,
      created: this.nameOf(statement, relation),
      columns: [],
      rlsEnabled: false,
      rlsChanges: [],
      policies: [],
      apiRoles: new Set(),
      changes: [],
    };
    for (const element of Array.isArray(elements) ? elements : []) this.addColumn(table, statement, element);
    const autoRls = [...this.rlsEventTriggers.values()].pop();
    if (autoRls) {
      table.rlsEnabled = true;
      table.rlsChanges.push({ enabled: true, at: autoRls });
    }
    this.setPrivileges(table, this.defaultPrivileges('OBJECT_TABLE', schema, API_ROLES));
    this.tables.set(key, table);
  }

  /**
   * `create event trigger … on ddl_command_end [when tag in ('CREATE TABLE', …)]` whose function runs
   * `alter table … enable row level security` on what was created: Supabase's recipe to secure every new table.
   */
  private enablesRlsOnNewTables(n: PgNode): boolean {
    if (String(n.eventname).toLowerCase() !== 'ddl_command_end') return false;
    const tags = (n.whenclause ?? []).flatMap((w: unknown) => names(as(as(w, 'DefElem')?.arg, 'List')?.items)).map((t: string) => t.toUpperCase());
    if (tags.length > 0 && !tags.includes('CREATE TABLE')) return false;
    const fn = this.findFunctions({ objname: n.funcname, args_unspecified: true })[0];
    if (!fn || fn.returnType !== 'event_trigger') return false;
    return bodyQueries(fn).some((query) => query.dynamic && some(query.tree, (kind, fields) =>
      kind === 'A_Const' && /\benable\s+row\s+level\s+security\b/i.test(String(fields.sval?.sval ?? ''))));
  }

  private addColumn(table: TableModel, statement: SqlStatement, element: unknown): void {
    const column = as(element, 'ColumnDef');
    if (!column?.colname) return;
    const typeNames = names(column.typeName?.names);
    const parsed = this.parsed;
    table.columns.push({
      name: String(column.colname).toLowerCase(),
      type: (typeNames[typeNames.length - 1] ?? '').toLowerCase(),
      at: lazyLocation(statement, () => nameAtLocation(parsed, statement, column.location)),
    });
  }

  private createView(statement: SqlStatement, relation: PgNode, query: PgNode, options: unknown, materialized: boolean): void {
    const schema = relation.schemaname ?? this.defaultSchema;
    const key = this.key(schema, relation.relname);
    const previous = this.views.get(key);
    const sources: string[] = [];
    walk(query, (kind, fields) => {
      if (kind === 'RangeVar') sources.push(`${fields.schemaname ?? this.defaultSchema}.${fields.relname}`);
    });
    const invoker = definitionOptions(options);
    const view: ViewModel = {
      schema,
      name: relation.relname,
      materialized,
      securityInvoker: invoker.has('security_invoker') && isTruthyOption(invoker.get('security_invoker')),
      query,
      sources,
      at: this.nameOf(statement, relation),
      changes: [],
      apiRoles: new Set(),
    };
    // `create or replace view` keeps the privileges of the view it replaces.
    this.setPrivileges(view, previous ? this.privileges.get(previous)! : this.defaultPrivileges('OBJECT_TABLE', schema, API_ROLES));
    this.views.set(key, view);
  }

  private alterTable(statement: SqlStatement, n: PgNode): void {
    const key = this.relationKey(n.relation);
    const view = this.views.get(key);
    if (view) {
      for (const cmd of n.cmds ?? []) {
        const alter = as(cmd, 'AlterTableCmd');
        if (alter?.subtype !== 'AT_SetRelOptions' && alter?.subtype !== 'AT_ResetRelOptions') continue;
        for (const item of as(alter.def, 'List')?.items ?? []) {
          const def = as(item, 'DefElem');
          if (def?.defname?.toLowerCase() !== 'security_invoker') continue;
          view.securityInvoker = alter.subtype === 'AT_SetRelOptions' && isTruthyOption(def.arg);
        }
      }
      view.changes.push(statement);
      return;
    }
    const table = this.tables.get(key);
    if (!table) return;
    table.changes.push(statement);
    for (const cmd of n.cmds ?? []) {
      const alter = as(cmd, 'AlterTableCmd');
      if (!alter) continue;
      switch (alter.subtype) {
        case 'AT_EnableRowSecurity':
        case 'AT_DisableRowSecurity': {
          const enabled = alter.subtype === 'AT_EnableRowSecurity';
          table.rlsEnabled = enabled;
          const parsed = this.parsed;
          table.rlsChanges.push({ enabled, at: lazyLocation(statement, () => rlsWords(parsed, statement, enabled)) });
          break;
        }
        case 'AT_AddColumn':
          this.addColumn(table, statement, alter.def);
          break;
        case 'AT_AlterColumnType': {
          const column = table.columns.find((c) => c.name === String(alter.name).toLowerCase());
          const typeNames = names(as(alter.def, 'ColumnDef')?.typeName?.names);
          if (column && typeNames.length) column.type = typeNames[typeNames.length - 1].toLowerCase();
          break;
        }
        case 'AT_DropColumn':
          table.columns = table.columns.filter((c) => c.name !== String(alter.name).toLowerCase());
          break;
      }
    }
  }

  private rename(statement: SqlStatement, n: PgNode): void {
    if (!n.relation) {
      if (n.renameType === 'OBJECT_FUNCTION') {
        const found = this.findFunctions(as(n.object, 'ObjectWithArgs'));
        for (const fn of found) {
          this.removeFunction(fn);
          fn.name = n.newname;
          fn.changes.push(statement);
          this.addFunction(fn);
        }
      }
      return;
    }
    const key = this.relationKey(n.relation);
    const table = this.tables.get(key);
    const schema = n.relation.schemaname ?? this.defaultSchema;
    switch (n.renameType) {
      case 'OBJECT_TABLE':
        if (table) {
          this.tables.delete(key);
          table.name = n.newname;
          table.changes.push(statement);
          this.tables.set(this.key(schema, n.newname), table);
        }
        return this.renameView(key, schema, n.newname, statement);
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
        return this.renameView(key, schema, n.newname, statement);
      case 'OBJECT_COLUMN': {
        const column = table?.columns.find((c) => c.name === String(n.subname).toLowerCase());
        if (column) column.name = String(n.newname).toLowerCase();
        table?.changes.push(statement);
        return;
      }
      case 'OBJECT_POLICY': {
        const policy = table?.policies.find((p) => p.name === n.subname);
        if (policy) policy.name = n.newname;
        return;
      }
    }
  }

  private renameView(key: string, schema: string, newName: string, statement: SqlStatement): void {
    const view = this.views.get(key);
    if (!view) return;
    this.views.delete(key);
    view.name = newName;
    view.changes.push(statement);
    this.views.set(this.key(schema, newName), view);
  }

  private moveSchema(statement: SqlStatement, n: PgNode): void {
    if (n.objectType === 'OBJECT_FUNCTION') {
      for (const fn of this.findFunctions(as(n.object, 'ObjectWithArgs'))) {
        this.removeFunction(fn);
        fn.schema = n.newschema;
        fn.changes.push(statement);
        this.addFunction(fn);
      }
      return;
    }
    if (!n.relation) return;
    const key = this.relationKey(n.relation);
    const object = this.tables.get(key) ?? this.views.get(key);
    if (!object) return;
    const map = (this.tables.get(key) ? this.tables : this.views) as Map<string, TableModel | ViewModel>;
    map.delete(key);
    object.schema = n.newschema;
    object.changes.push(statement);
    map.set(this.key(object.schema, object.name), object);
  }

  private drop(n: PgNode): void {
    for (const object of n.objects ?? []) {
      if (n.removeType === 'OBJECT_FUNCTION' || n.removeType === 'OBJECT_PROCEDURE') {
        for (const fn of this.findFunctions(as(object, 'ObjectWithArgs'))) this.removeFunction(fn);
        continue;
      }
      const parts = names(as(object, 'List')?.items);
      if (n.removeType === 'OBJECT_POLICY') {
        const policyName = parts.pop();
        const table = this.tables.get(this.qualify(parts));
        if (table) table.policies = table.policies.filter((p) => p.name !== policyName);
      } else if (n.removeType === 'OBJECT_EVENT_TRIGGER') {
        this.rlsEventTriggers.delete(as(object, 'String')?.sval);
      } else if (n.removeType === 'OBJECT_TABLE') {
        this.tables.delete(this.qualify(parts));
      } else if (n.removeType === 'OBJECT_VIEW' || n.removeType === 'OBJECT_MATVIEW') {
        this.views.delete(this.qualify(parts));
      }
    }
  }

  private qualify(parts: string[]): string {
    return parts.length >= 2 ? this.key(parts[parts.length - 2], parts[parts.length - 1]) : this.key(this.defaultSchema, parts[0]);
  }

  private createPolicy(statement: SqlStatement, n: PgNode): void {
    const table = this.tables.get(this.relationKey(n.table)) ?? this.platformTable(statement, n.table);
    if (!table) return;
    const parsed = this.parsed;
    const at = lazyLocation(statement, () => nameAfterKeyword(parsed, statement, ['policy']));
    const roles = rolesOf(n.roles);
    table.policies = table.policies.filter((p) => p.name !== n.policy_name);
    table.policies.push({
      name: n.policy_name,
      table,
      command: (String(n.cmd_name ?? 'all').toLowerCase() as Command),
      roles: roles.length ? roles : ['public'],
      rolesWritten: rolesWritten(n.roles),
      permissive: n.permissive === true,
      using: n.qual,
      withCheck: n.with_check,
      usingStatement: n.qual ? statement : undefined,
      withCheckStatement: n.with_check ? statement : undefined,
      at,
      created: at,
    });
    table.changes.push(statement);
  }

  /** A Supabase table no migration creates but policies are written for: created on first mention. */
  private platformTable(statement: SqlStatement, relation: PgNode): TableModel | undefined {
    const key = this.relationKey(relation);
    const servedBy = PLATFORM_TABLES.get(key);
    if (!servedBy) return undefined;
    const table: TableModel = {
      schema: relation.schemaname ?? this.defaultSchema,
      name: relation.relname,
      created: this.nameOf(statement, relation),
      columns: [],
      rlsEnabled: true,
      rlsChanges: [],
      policies: [],
      apiRoles: new Set(API_ROLES),
      changes: [],
      servedBy,
    };
    this.tables.set(key, table);
    return table;
  }

  private alterPolicy(statement: SqlStatement, n: PgNode): void {
    const table = this.tables.get(this.relationKey(n.table));
    const policy = table?.policies.find((p) => p.name === n.policy_name);
    if (!table || !policy) return;
    const roles = rolesOf(n.roles);
    if (roles.length && rolesWritten(n.roles)) {
      policy.roles = roles;
      policy.rolesWritten = true;
    }
    if (n.qual) Object.assign(policy, { using: n.qual, usingStatement: statement });
    if (n.with_check) Object.assign(policy, { withCheck: n.with_check, withCheckStatement: statement });
    const parsed = this.parsed;
    policy.at = lazyLocation(statement, () => nameAfterKeyword(parsed, statement, ['policy']));
    table.changes.push(statement);
  }

  private createFunction(statement: SqlStatement, n: PgNode): void {
    const qualified = names(n.funcname);
    const name = qualified[qualified.length - 1];
    const schema = qualified.length > 1 ? qualified[qualified.length - 2] : this.defaultSchema;
    const parameters: FunctionModel['parameters'] = [];
    let position = 0;
    for (const p of n.parameters ?? []) {
      const parameter = as(p, 'FunctionParameter');
      if (!parameter || parameter.mode === 'FUNC_PARAM_OUT' || parameter.mode === 'FUNC_PARAM_TABLE') continue;
      position++;
      parameters.push({
        name: parameter.name ? String(parameter.name).toLowerCase() : `$${position}`,
        type: typeKey(parameter.argType),
      });
    }
    const options = definitionOptions(n.options);
    const parsed = this.parsed;
    const returnNames = names(n.returnType?.names).map((s) => s.toLowerCase());
    const existing = this.findFunctions({ objname: n.funcname, objargs: undefined, args_unspecified: true }, schema)
      .find((f) => sameTypes(f.parameters.map((p) => p.type), parameters.map((p) => p.type)));
    if (existing) this.removeFunction(existing);
    const fn: FunctionModel = {
      schema,
      name,
      parameters,
      returnType: returnNames[returnNames.length - 1] ?? (n.is_procedure ? 'void' : ''),
      returnSchema: returnNames.length > 1 && returnNames[0] !== 'pg_catalog' ? returnNames[0] : undefined,
      returnsSet: Boolean(n.returnType?.setof),
      isProcedure: Boolean(n.is_procedure),
      language: optionText(options.get('language')) ?? 'sql',
      securityDefiner: options.has('security') && isTruthyOption(options.get('security')),
      searchPath: searchPathIn(n.options),
      body: this.bodyOf(statement, n.options),
      sqlBody: n.sql_body,
      // `create or replace` keeps the privileges of the function it replaces.
      executableBy: existing?.executableBy ?? this.defaultPrivileges('OBJECT_FUNCTION', schema, ['public', ...API_ROLES]).holders(),
      at: lazyLocation(statement, () => nameAfterKeyword(parsed, statement, ['function', 'procedure'])),
      changes: [],
    };
    this.addFunction(fn);
  }

  /** The body string and where it starts, so PL/pgSQL line numbers map back to the file. */
  private bodyOf(statement: SqlStatement, options: unknown): FunctionModel['body'] {
    const definition = (Array.isArray(options) ? options : []).map((o) => as(o, 'DefElem')).find((d) => d?.defname === 'as');
    const text = as(as(definition?.arg, 'List')?.items?.[0], 'String')?.sval;
    if (typeof text !== 'string') return undefined;
    // The literal follows the `as` keyword: `$tag$…`, `'…'` or `E'…'`.
    const source = this.parsed.file.text;
    let at = this.parsed.utf16(statement.locationBase + (definition!.location ?? 0)) + 2;
    while (at < source.length && /\s/.test(source[at])) at++;
    if (source[at] === 'E' || source[at] === 'e') at++;
    const opener = source[at] === '$' ? source.slice(at, source.indexOf('$', at + 1) + 1) : source[at];
    return { text, start: at + opener.length, parsed: this.parsed };
  }

  private alterFunction(statement: SqlStatement, n: PgNode): void {
    for (const fn of this.findFunctions(n.func)) {
      const actions = definitionOptions(n.actions);
      if (actions.has('security')) fn.securityDefiner = isTruthyOption(actions.get('security'));
      fn.searchPath = searchPathIn(n.actions) ?? fn.searchPath;
      const reset = as(actions.get('reset'), 'VariableSetStmt');
      if (reset && (reset.kind === 'VAR_RESET_ALL' || String(reset.name).toLowerCase() === 'search_path')) fn.searchPath = undefined;
      fn.changes.push(statement);
    }
  }

  /** Functions an `ObjectWithArgs` designates: every overload when no arguments are written. */
  private findFunctions(object: PgNode | undefined, defaultSchema = this.defaultSchema): FunctionModel[] {
    if (!object) return [];
    const qualified = names(object.objname);
    const name = qualified[qualified.length - 1];
    const schema = qualified.length > 1 ? qualified[qualified.length - 2] : defaultSchema;
    const candidates = this.functions.get(this.key(schema, name)) ?? [];
    if (object.args_unspecified || !Array.isArray(object.objargs)) return candidates;
    const types = object.objargs.map((t: unknown) => typeKey(as(t, 'TypeName')));
    return candidates.filter((f) => sameTypes(f.parameters.map((p) => p.type), types));
  }

  private addFunction(fn: FunctionModel): void {
    const key = this.key(fn.schema, fn.name);
    this.functions.set(key, [...(this.functions.get(key) ?? []), fn]);
  }

  private removeFunction(fn: FunctionModel): void {
    const key = this.key(fn.schema, fn.name);
    this.functions.set(key, (this.functions.get(key) ?? []).filter((f) => f !== fn));
  }

  private grant(statement: SqlStatement, n: PgNode, defaultSchemas?: string[]): void {
    const isDefault = n.targtype === 'ACL_TARGET_DEFAULTS';
    const privileges = privilegesOf(n.privileges);
    const grantees = granteesOf(this.parsed, statement, n.grantees);
    const roles = grantees.map((g) => g.role);
    if (n.objtype === 'OBJECT_TABLE') {
      const schemas = isDefault
        ? defaultSchemas
        : n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
          ? names(n.objects)
          : (n.objects ?? []).map((o: unknown) => as(o, 'RangeVar')?.schemaname ?? this.defaultSchema);
      const covered = isDefault
        ? (schemas ?? ['*']).map((schema: string) => `default:${schema}`)
        : n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
          ? names(n.objects).map((schema) => `${schema}.*`)
          : (n.objects ?? []).map((o: unknown) => this.relationKey(as(o, 'RangeVar') ?? {}));
      this.tableGrants.push({ at: { statement, range: statement.range }, isGrant: Boolean(n.is_grant), privileges, grantees, isDefault, schemas, targets: covered });
      if (isDefault) return;
      const targets: (TableModel | ViewModel)[] = [];
      if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
        const schemas = names(n.objects);
        targets.push(...[...this.tables.values(), ...this.views.values()].filter((t) => schemas.includes(t.schema)));
      } else {
        for (const object of n.objects ?? []) {
          const rangeVar = as(object, 'RangeVar');
          const key = rangeVar && this.relationKey(rangeVar);
          const target = key && (this.tables.get(key) ?? this.views.get(key));
          if (target) targets.push(target);
        }
      }
      for (const target of targets) {
        const held = this.privileges.get(target)!;
        held.apply(Boolean(n.is_grant), roles.filter((r) => API_ROLES.includes(r)), privileges);
        this.setPrivileges(target, held);
        target.changes.push(statement);
      }
    } else if (n.objtype === 'OBJECT_FUNCTION' || n.objtype === 'OBJECT_PROCEDURE' || n.objtype === 'OBJECT_ROUTINE') {
      if (isDefault || !(privileges.includes('all') || privileges.includes('execute'))) return;
      const targets: FunctionModel[] = [];
      if (n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
        const schemas = names(n.objects);
        targets.push(...[...this.functions.values()].flat().filter((f) => schemas.includes(f.schema)));
      } else {
        for (const object of n.objects ?? []) targets.push(...this.findFunctions(as(object, 'ObjectWithArgs')));
      }
      for (const fn of targets) {
        for (const role of roles) {
          if (n.is_grant) fn.executableBy.add(role);
          else fn.executableBy.delete(role);
        }
        fn.changes.push(statement);
      }
    }
  }

  private alterDefaults(statement: SqlStatement, n: PgNode): void {
    const action = n.action as PgNode;
    const options = definitionOptions(n.options);
    const schemas = names(as(options.get('schemas'), 'List')?.items);
    if (action.objtype === 'OBJECT_TABLE' || action.objtype === 'OBJECT_FUNCTION') {
      this.defaults.push({
        objectType: action.objtype,
        schemas: schemas.length ? schemas : undefined,
        isGrant: Boolean(action.is_grant),
        privileges: privilegesOf(action.privileges),
        roles: granteesOf(this.parsed, statement, action.grantees).map((g) => g.role),
      });
    }
    this.grant(statement, action, schemas.length ? schemas : undefined);
  }

  /** What a new object's roles hold: Supabase's grants, then the default privileges altered so far. */
  private defaultPrivileges(objectType: DefaultPrivilege['objectType'], schema: string, roles: string[]): RolePrivileges {
    const held = new RolePrivileges(objectType === 'OBJECT_FUNCTION' ? FUNCTION_PRIVILEGES : TABLE_PRIVILEGES, roles);
    for (const d of this.defaults) {
      if (d.objectType === objectType && (!d.schemas || d.schemas.includes(schema))) held.apply(d.isGrant, d.roles, d.privileges);
    }
    return held;
  }

  private setPrivileges(target: TableModel | ViewModel, held: RolePrivileges): void {
    this.privileges.set(target, held);
    // A materialized view can only be read; a plain view can also be written through when it is simple.
    target.apiRoles = held.holders(API_ROLES, 'materialized' in target && target.materialized ? ['select'] : undefined);
  }
}

const TABLE_PRIVILEGES = ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'];
const FUNCTION_PRIVILEGES = ['execute'];

/** Which privileges each role holds on one object; `all` expands to the object type's privileges. */
class RolePrivileges {
  private readonly byRole = new Map<string, Set<string>>();

  constructor(
    private readonly everything: string[],
    roles: string[],
  ) {
    for (const role of roles) this.byRole.set(role, new Set(everything));
  }

  apply(isGrant: boolean, roles: string[], privileges: string[]): void {
    const named = privileges.includes('all') ? this.everything : privileges.filter((p) => this.everything.includes(p));
    for (const role of roles) {
      const held = this.byRole.get(role) ?? new Set<string>();
      for (const privilege of named) {
        if (isGrant) held.add(privilege);
        else held.delete(privilege);
      }
      this.byRole.set(role, held);
    }
  }

  /** Roles (among `among`, when given) that still hold some privilege (of `privileges`, when given). */
  holders(among?: string[], privileges?: string[]): Set<string> {
    const holds = (held: Set<string>) => (privileges ? privileges.some((p) => held.has(p)) : held.size > 0);
    return new Set([...this.byRole].filter(([role, held]) => holds(held) && (!among || among.includes(role))).map(([role]) => role));
  }
}

/**
 * A parameter type as the parser spells it (`int` and `integer` are both `int4`), last name component,
 * `[]` for arrays: what tells overloads apart. `''` when the migration alone cannot tell (`teams.id%type`).
 */
function typeKey(typeName: PgNode | undefined): string {
  if (typeName?.pct_type) return '';
  const typeNames = names(typeName?.names);
  return `${(typeNames[typeNames.length - 1] ?? '').toLowerCase()}${typeName?.arrayBounds ? '[]' : ''}`;
}

/** Whether two signatures match, position by position (an unknown type matches any). */
function sameTypes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((type, i) => type === b[i] || type === '' || b[i] === '');
}

function rolesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((r) => as(r, 'RoleSpec'))
    .filter(Boolean)
    .map((r) => (r!.roletype === 'ROLESPEC_PUBLIC' ? 'public' : String(r!.rolename ?? r!.roletype).toLowerCase()));
}

/** Without a `TO` clause the parser supplies PUBLIC with no location. */
function rolesWritten(list: unknown): boolean {
  return Array.isArray(list) && list.some((r) => (as(r, 'RoleSpec')?.location ?? -1) >= 0);
}

function granteesOf(parsed: ParsedSqlFile, statement: SqlStatement, list: unknown): TableGrant['grantees'] {
  if (!Array.isArray(list)) return [];
  return list
    .map((r) => as(r, 'RoleSpec'))
    .filter((r): r is PgNode => Boolean(r))
    .map((r) => ({
      role: r.roletype === 'ROLESPEC_PUBLIC' ? 'public' : String(r.rolename ?? r.roletype).toLowerCase(),
      at: lazyLocation(statement, () => nameAtLocation(parsed, statement, r.location)),
    }));
}

/** The `enable row level security` words, for ranges and fixes. */
function rlsWords(parsed: ParsedSqlFile, statement: SqlStatement, enabled: boolean): Range {
  const tokens = statementTokens(parsed, statement);
  const word = enabled ? 'enable' : 'disable';
  const index = tokens.findIndex((t, i) => t.text.toLowerCase() === word && tokens[i + 1]?.text.toLowerCase() === 'row');
  if (index < 0) return statement.range;
  const last = tokens[Math.min(index + 3, tokens.length - 1)];
  return parsed.rangeOfBytes(tokens[index].start, last.end);
}

function privilegesOf(list: unknown): string[] {
  if (!Array.isArray(list) || list.length === 0) return ['all'];
  return list.map((p) => String(as(p, 'AccessPriv')?.priv_name ?? 'all').toLowerCase());
}

/** Schemas of a `search_path` value: `''` gives `[]`. */
function searchPathOf(set: PgNode): string[] {
  return (set.args ?? [])
    .map((a: unknown) => optionText(a) ?? '')
    .flatMap((s: string) => s.split(','))
    .map((s: string) => s.trim().replace(/^"|"$/g, ''))
    .filter((s: string) => s !== '');
}

/** The `set search_path …` among a function's options (a function may set several parameters). */
function searchPathIn(options: unknown): FunctionModel['searchPath'] {
  for (const option of Array.isArray(options) ? options : []) {
    const def = as(option, 'DefElem');
    const set = def?.defname === 'set' ? as(def.arg, 'VariableSetStmt') : undefined;
    if (!set || String(set.name).toLowerCase() !== 'search_path') continue;
    if (set.kind === 'VAR_SET_CURRENT') return 'from current';
    if (set.kind === 'VAR_SET_VALUE') return searchPathOf(set);
  }
  return undefined;
}
