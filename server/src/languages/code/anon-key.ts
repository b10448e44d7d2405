import * as path from 'node:path';
import { parseEnv } from '../env/parse';
import type { EnvRead, ParsedFile } from './parse';
import type { CodeProject } from './project';
import { isAnonName } from './supabase';

/** The project's own anon/publishable key variable, as the code at hand should read it. */
export interface AnonKeyChoice {
  name: string;
  style: 'process' | 'deno' | 'import.meta';
  /** False when no file of the project names it and the usual name is assumed. */
  known: boolean;
}

const PUBLIC_PREFIX = /^(NEXT_PUBLIC_|VITE_|EXPO_PUBLIC_|PUBLIC_|REACT_APP_)/;
const ENV_FILE = /^\.env(\..+)?$/;

/** How a file reads its environment: Edge Functions through `Deno.env`, Vite code through `import.meta.env`. */
export function envStyleOf(parsed: ParsedFile): AnonKeyChoice['style'] {
  if (/(^|\/)supabase\/functions\//.test(parsed.file.relativePath) || parsed.envReads.some((r) => r.style === 'deno')) return 'deno';
  if (parsed.envReads.some((r) => r.style === 'import.meta') && !parsed.envReads.some((r) => r.style === 'process')) return 'import.meta';
  return 'process';
}

/**
 * Looks for the anon key variable: first in how other code of the project reads it, then in the project's
 * `.env*` files (nearest folder first); `browser` asks for one the bundler exposes (a public prefix).
 */
export function anonKeyFor(project: CodeProject, parsed: ParsedFile, browser: boolean): AnonKeyChoice {
  const style = envStyleOf(parsed);
  const memo = memoOf(project);
  const key = `${style}|${browser}|${path.posix.dirname(parsed.file.path)}`;
  let choice = memo.get(key);
  if (!choice) memo.set(key, (choice = chooseAnonKey(project, parsed, style, browser)));
  return choice;
}

const memos = new WeakMap<CodeProject, Map<string, AnonKeyChoice>>();
const codeChoices = new WeakMap<CodeProject, Map<string, string | undefined>>();

function memoOf(project: CodeProject): Map<string, AnonKeyChoice> {
  let memo = memos.get(project);
  if (!memo) memos.set(project, (memo = new Map()));
  return memo;
}

function chooseAnonKey(project: CodeProject, parsed: ParsedFile, style: AnonKeyChoice['style'], browser: boolean): AnonKeyChoice {
  const acceptable = (name: string) =>
    isAnonName(name) && (style === 'import.meta' ? name.startsWith('VITE_') : !browser || PUBLIC_PREFIX.test(name));
  const fromCode = mostReadInCode(project, style, browser, acceptable);
  if (fromCode) return { name: fromCode, style, known: true };
  if (style === 'deno') return { name: 'SUPABASE_ANON_KEY', style, known: true };
  const fromEnv = envFileNames(project, parsed).find(acceptable);
  if (fromEnv) return { name: fromEnv, style, known: true };
  const deps = project.packageOf(parsed)?.dependencies;
  const assumed =
    style === 'import.meta' ? 'VITE_SUPABASE_ANON_KEY'
      : deps?.has('expo') ? 'EXPO_PUBLIC_SUPABASE_ANON_KEY'
        : deps?.has('next') || browser ? 'NEXT_PUBLIC_SUPABASE_ANON_KEY'
          : 'SUPABASE_ANON_KEY';
  return { name: assumed, style, known: false };
}

/** The anon variable the project's code reads most often in this style (computed once per project). */
function mostReadInCode(project: CodeProject, style: AnonKeyChoice['style'], browser: boolean, acceptable: (name: string) => boolean): string | undefined {
  let byProject = codeChoices.get(project);
  if (!byProject) codeChoices.set(project, (byProject = new Map()));
  const key = `${style}|${browser}`;
  if (byProject.has(key)) return byProject.get(key);
  const counts = new Map<string, number>();
  for (const other of project.files) {
    for (const read of other.envReads) {
      if (sameStyle(read, style) && acceptable(read.name)) counts.set(read.name, (counts.get(read.name) ?? 0) + 1);
    }
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  byProject.set(key, best);
  return best;
}

function sameStyle(read: EnvRead, style: AnonKeyChoice['style']): boolean {
  return read.style === style || (style === 'process' && read.style === 'env-object');
}

/** Variable names of the `.env*` files in the folders above a code file, nearest first. */
function envFileNames(project: CodeProject, parsed: ParsedFile): string[] {
  const dir = path.posix.dirname(parsed.file.path);
  const envFiles = project.workspaceFiles
    .filter((f) => ENV_FILE.test(path.posix.basename(f.path)) && (dir + '/').startsWith(path.posix.dirname(f.path) + '/'))
    .sort((a, b) => b.path.length - a.path.length);
  return envFiles.flatMap((f) => parseEnv(f).entries.map((e) => e.key));
}

/**
 * The expression that reads the variable, with `!` in TypeScript where the type would be `string | undefined`;
 * from `envObject` (`c.env`) when the code reads its secrets from such an object.
 */
export function anonKeyAccess(choice: AnonKeyChoice, parsed: ParsedFile, envObject?: string): string {
  if (envObject) return `${envObject}.${choice.known || choice.style !== 'process' ? choice.name : 'SUPABASE_ANON_KEY'}`;
  const bang = parsed.isTypeScript && choice.style !== 'import.meta' ? '!' : '';
  switch (choice.style) {
    case 'deno':
      return `Deno.env.get('${choice.name}')${bang}`;
    case 'import.meta':
      return `import.meta.env.${choice.name}`;
    default:
      return `process.env.${choice.name}${bang}`;
  }
}
