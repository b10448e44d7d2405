import * as ts from 'typescript';

/**
 * Type-checks files with the real TypeScript compiler against small stand-ins for the libraries they use
 * (supabase-js, Next.js, Deno): enough to prove a refactored client still compiles.
 */
const AMBIENT = `
declare module '@supabase/supabase-js' {
  export interface SupabaseClientOptions {
    auth?: { persistSession?: boolean; autoRefreshToken?: boolean; detectSessionInUrl?: boolean };
    global?: { headers?: Record<string, string> };
  }
  export interface QueryResult { data: any; error: { message: string } | null }
  export interface QueryBuilder extends PromiseLike<QueryResult> {
    select(columns?: string): QueryBuilder;
    insert(values: unknown): QueryBuilder;
    update(values: unknown): QueryBuilder;
    upsert(values: unknown): QueryBuilder;
    delete(): QueryBuilder;
    eq(column: string, value: unknown): QueryBuilder;
    neq(column: string, value: unknown): QueryBuilder;
    in(column: string, values: unknown[]): QueryBuilder;
    order(column: string, options?: { ascending?: boolean }): QueryBuilder;
    limit(count: number): QueryBuilder;
    single(): QueryBuilder;
  }
  export interface SupabaseClient {
    from(table: string): QueryBuilder;
    rpc(fn: string, args?: object): QueryBuilder;
    auth: {
      getUser(jwt?: string): Promise<{ data: { user: { id: string } | null }; error: unknown }>;
      admin: { listUsers(): Promise<unknown>; deleteUser(id: string): Promise<unknown> };
    };
  }
  export function createClient(url: string, key: string, options?: SupabaseClientOptions): SupabaseClient;
}
declare module 'jsr:@supabase/supabase-js@2' { export * from '@supabase/supabase-js'; }
declare module 'npm:@supabase/supabase-js@2' { export * from '@supabase/supabase-js'; }
declare module 'next/headers' {
  export function headers(): Promise<{ get(name: string): string | null }>;
  export function cookies(): Promise<{ getAll(): { name: string; value: string }[] }>;
}
declare module 'next/server' {
  export class NextRequest extends Request {}
  export const NextResponse: { json(body: unknown, init?: ResponseInit): Response };
}
declare var process: { env: Record<string, string | undefined> };
declare var Deno: { env: { get(name: string): string | undefined }; serve(handler: (req: Request) => Response | Promise<Response>): void };
`;

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.Preserve,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  skipLibCheck: true,
  baseUrl: '/project',
  paths: { '@/*': ['./*'] },
  allowImportingTsExtensions: true,
};

/** Diagnostics of the given files (root-relative path → text), as `file:line: message` lines. */
export function typeCheck(files: Record<string, string>): string[] {
  const virtual = new Map(Object.entries({ ...files, 'ambient.d.ts': AMBIENT }).map(([p, text]) => [`/project/${p}`, text]));
  const host = ts.createCompilerHost(OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  host.getSourceFile = (name, version) => {
    const text = virtual.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, version, true) : getSourceFile(name, version);
  };
  const program = ts.createProgram([...virtual.keys()], OPTIONS, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.replace('/project/', '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
