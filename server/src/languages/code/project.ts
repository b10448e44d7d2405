import * as path from 'node:path';
import ts from 'typescript';
import type { Range } from '../../engine/finding';
import type { SourceFile } from '../../engine/source-file';
import type { ImportFact, ParsedFile } from './parse';
import { nearestPackage, nearestPathMapping, type PackageInfo } from './workspace-files';

/** Why a module ends up in a browser (or mobile app) bundle. */
export interface BrowserContext {
  /** The module that starts the chain: a `'use client'` component, Vite client code, … */
  root: string;
  reason: string;
  /** Import steps from the root down to this module: each importer and the specifier it imports with. */
  chain: { file: string; range: Range }[];
}

/** How a module was reached from a bundle root: the root, and the import that pulled it in. */
interface Reach {
  root: string;
  reason: string;
  via?: { importer: ParsedFile; fact: ImportFact };
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const VITE_CONFIGS = ['vite.config.ts', 'vite.config.js', 'vite.config.mjs', 'vite.config.mts'];
const SSR_FRAMEWORKS = ['next', '@sveltejs/kit', '@remix-run/react', '@remix-run/node', 'react-router', 'nuxt', 'astro', '@tanstack/react-start', '@tanstack/start', 'vike', '@solidjs/start'];

/**
 * The light model of a code base the rules need beyond one file: which module an import resolves to,
 * and which modules are bundled for the browser. Built from cached per-file facts, so rebuilding it after
 * an edit costs a walk over the graph, not a reparse.
 */
export class CodeProject {
  private readonly byPath = new Map<string, ParsedFile>();
  private browser: Map<string, Reach> | undefined;

  constructor(
    readonly root: string,
    files: readonly ParsedFile[],
    /** Every file of the workspace, other languages included (the `.env*` files the fixes read). */
    readonly workspaceFiles: readonly SourceFile[],
    /**
     * Import → resolved path (`null`: outside the project). Import facts of unchanged files are reused between
     * builds, so the caller keeps this cache while the set of files stays the same.
     */
    private readonly resolved: WeakMap<ImportFact, string | null> = new WeakMap(),
    /** Why a parsed file starts a browser bundle (`null`: it does not); valid as long as `resolved` is. */
    private readonly rootReasons: WeakMap<ParsedFile, string | null> = new WeakMap(),
  ) {
    for (const file of files) this.byPath.set(file.file.path, file);
  }

  get files(): IterableIterator<ParsedFile> {
    return this.byPath.values();
  }

  parsed(filePath: string): ParsedFile | undefined {
    return this.byPath.get(filePath);
  }

  packageOf(parsed: ParsedFile): PackageInfo | undefined {
    return nearestPackage(path.posix.dirname(parsed.file.path), this.root);
  }

  /** The code file an import names, when it is one of the workspace's files (relative or `tsconfig` paths). */
  resolveImport(from: ParsedFile, fact: ImportFact): ParsedFile | undefined {
    let target = this.resolved.get(fact);
    if (target === undefined) this.resolved.set(fact, (target = this.resolveSpecifier(from, fact.specifier)?.file.path ?? null));
    return target === null ? undefined : this.byPath.get(target);
  }

  resolveSpecifier(from: ParsedFile, specifier: string): ParsedFile | undefined {
    const dir = path.posix.dirname(from.file.path);
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
      return this.fileAt(path.posix.resolve(dir, specifier));
    }
    if (specifier.startsWith('/')) return undefined;
    const mapping = nearestPathMapping(dir, this.root);
    for (const [pattern, targets] of mapping?.paths ?? []) {
      const star = pattern.indexOf('*');
      const matched =
        star < 0
          ? specifier === pattern ? '' : undefined
          : specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1))
            ? specifier.slice(star, specifier.length - (pattern.length - star - 1))
            : undefined;
      if (matched === undefined) continue;
      for (const target of targets) {
        const found = this.fileAt(path.posix.resolve(mapping!.baseDir, target.replace('*', matched)));
        if (found) return found;
      }
    }
    const workspacePackage = this.workspacePackage(specifier);
    if (workspacePackage) return workspacePackage;
    // SvelteKit's built-in alias.
    if (specifier === '$lib' || specifier.startsWith('$lib/')) {
      const pkg = this.packageOf(from);
      if (pkg) return this.fileAt(path.posix.join(pkg.dir, 'src', 'lib', specifier.slice(4)));
    }
    // `@/…` and `~/…` are the app-root aliases of the Next.js, Nuxt, Remix and Vite templates; the config that
    // declares them (a tsconfig `paths` or a bundler alias) may be missing from the scan or unreadable.
    const appAlias = /^[@~]\/(.+)$/.exec(specifier);
    if (appAlias) {
      const base = this.packageOf(from)?.dir ?? this.root;
      return this.fileAt(path.posix.join(base, appAlias[1])) ?? this.fileAt(path.posix.join(base, 'src', appAlias[1]));
    }
    return undefined;
  }

  /** `@acme/db` or `@acme/db/admin` in a monorepo: a package of the workspace, by its manifest's name. */
  private workspacePackage(specifier: string): ParsedFile | undefined {
    this.packagesByName ??= this.collectPackages();
    const parts = specifier.split('/');
    const nameLength = specifier.startsWith('@') ? 2 : 1;
    const pkg = this.packagesByName.get(parts.slice(0, nameLength).join('/'));
    if (!pkg) return undefined;
    const subpath = parts.slice(nameLength).join('/');
    const candidates = subpath ? [subpath, `src/${subpath}`] : [...pkg.entries, 'src/index', 'index'];
    for (const candidate of candidates) {
      const found = this.fileAt(path.posix.resolve(pkg.dir, candidate));
      if (found) return found;
    }
    return undefined;
  }

  private packagesByName: Map<string, PackageInfo> | undefined;

  private collectPackages(): Map<string, PackageInfo> {
    const byName = new Map<string, PackageInfo>();
    for (const parsed of this.byPath.values()) {
      const pkg = this.packageOf(parsed);
      if (pkg?.name && !byName.has(pkg.name)) byName.set(pkg.name, pkg);
    }
    return byName;
  }

  private fileAt(base: string): ParsedFile | undefined {
    const direct = this.byPath.get(base);
    if (direct) return direct;
    const withoutJsExtension = base.replace(/\.(m|c)?jsx?$/, '');
    for (const stem of withoutJsExtension === base ? [base] : [withoutJsExtension, base]) {
      for (const ext of EXTENSIONS) {
        const found = this.byPath.get(stem + ext) ?? this.byPath.get(`${stem}/index${ext}`);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Whether (and why) a module is bundled for the browser. */
  browserContext(filePath: string): BrowserContext | undefined {
    this.browser ??= this.computeBrowserReach();
    const reach = this.browser.get(filePath);
    if (!reach) return undefined;
    const chain: BrowserContext['chain'] = [];
    for (let step: Reach | undefined = reach; step?.via; step = this.browser.get(step.via.importer.file.path)) {
      chain.unshift({ file: step.via.importer.file.path, range: rangeOfNode(step.via.importer, step.via.fact.node) });
    }
    return { root: reach.root, reason: reach.reason, chain };
  }

  /** Breadth first from every bundle root, so each module's import chain (kept as a parent pointer) is a shortest one. */
  private computeBrowserReach(): Map<string, Reach> {
    const reached = new Map<string, Reach>();
    const queue: ParsedFile[] = [];
    for (const parsed of this.byPath.values()) {
      if (neverBundled(parsed)) continue;
      let reason = this.rootReasons.get(parsed);
      if (reason === undefined) this.rootReasons.set(parsed, (reason = this.browserRootReason(parsed) ?? null));
      if (reason) {
        reached.set(parsed.file.path, { root: parsed.file.path, reason });
        queue.push(parsed);
      }
    }
    for (let i = 0; i < queue.length; i++) {
      const importer = queue[i];
      const reach = reached.get(importer.file.path)!;
      for (const fact of importer.imports) {
        if (fact.typeOnly) continue;
        const target = this.resolveImport(importer, fact);
        if (!target || reached.has(target.file.path) || neverBundled(target)) continue;
        reached.set(target.file.path, { root: reach.root, reason: reach.reason, via: { importer, fact } });
        queue.push(target);
      }
    }
    return reached;
  }

  private browserRootReason(parsed: ParsedFile): string | undefined {
    const relative = parsed.file.relativePath;
    if (parsed.directive === 'use client') return `a 'use client' module`;
    if (importsName(parsed, /@supabase\/ssr/, 'createBrowserClient')) return 'it creates a browser client (createBrowserClient)';
    if (/(^|\/)[^/]*\.client\.[cm]?[jt]sx?$/.test(relative)) return 'a client-only module (.client.*)';
    const pkg = this.packageOf(parsed);
    const deps = pkg?.dependencies ?? new Set<string>();
    const inPackage = pkg ? parsed.file.path.slice(pkg.dir.length + 1) : relative;
    if (isServerPath(inPackage)) return undefined;
    if (deps.has('@sveltejs/kit') && /(^|\/)\+(page|layout)\.[jt]s$/.test(inPackage)) {
      return 'a SvelteKit universal load module (it also runs in the browser)';
    }
    if (deps.has('expo') || deps.has('react-native')) {
      if (!/\+api\.[jt]sx?$/.test(inPackage) && !/(^|\/)[^/]+\.config\.[cm]?[jt]s$/.test(inPackage)) return 'Expo / React Native app code (shipped inside the app)';
    }
    const packageDir = pkg?.dir ?? this.root;
    const singlePageApp = deps.has('vite') || deps.has('react-scripts') || VITE_CONFIGS.some((name) => this.byPath.has(`${packageDir}/${name}`));
    if (singlePageApp && !SSR_FRAMEWORKS.some((f) => deps.has(f)) && inPackage.startsWith('src/')) {
      return 'client code of a single-page app (Vite)';
    }
    if (parsed.imports.some((i) => i.specifier === 'react-native' || i.specifier.startsWith('expo-'))) return 'React Native code (shipped inside the app)';
    return undefined;
  }
}

/** Modules a bundler never puts in a browser bundle (or refuses to). */
function neverBundled(parsed: ParsedFile): boolean {
  const relative = parsed.file.relativePath;
  return (
    parsed.directive === 'use server' ||
    parsed.serverOnly ||
    /(^|\/)supabase\/functions\//.test(relative) ||
    /\.server\.[cm]?[jt]sx?$/.test(relative) ||
    /(^|\/)\+server\.[jt]s$/.test(relative)
  );
}

/** Folders and names that hold server code by convention; never a browser root by location alone. */
function isServerPath(relative: string): boolean {
  return /(^|\/)(server|api|functions|scripts|supabase|migrations|test|tests|__tests__)\//.test(relative) || /\.(server|test|spec)\.[cm]?[jt]sx?$/.test(relative);
}

function importsName(parsed: ParsedFile, module: RegExp, name: string): boolean {
  return parsed.ast.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      module.test(s.moduleSpecifier.text) &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === name),
  );
}

export function rangeOfNode(parsed: ParsedFile, node: ts.Node): Range {
  return parsed.file.lines.rangeOf(node.getStart(parsed.ast), node.end);
}
