import type { AnalysisUnit, Language, LanguageContext } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { commentsOf, parseCodeFile, pruneParseCache, scriptKindOf, statementAfterComment, type ImportFact, type ParsedFile } from './parse';
import { CodeProject } from './project';
import { SupabaseModel } from './supabase';
import { clearWorkspaceFileCache } from './workspace-files';

/** One code file, with the project model around it. */
export interface CodeUnit extends AnalysisUnit {
  parsed: ParsedFile;
  project: CodeProject;
  supabase: SupabaseModel;
}

/** What stays valid while the set of code files is the same: parses of unchanged files, import resolutions, bundle roots, manifests. */
let lastFileSet: ReadonlySet<string> = new Set();
let resolutions = new WeakMap<ImportFact, string | null>();
let rootReasons = new WeakMap<ParsedFile, string | null>();

/** Builds the project model from cached parses; only changed files are reparsed. */
export function buildProject(context: Pick<LanguageContext, 'root' | 'files' | 'allFiles'>): { project: CodeProject; supabase: SupabaseModel; parsed: ParsedFile[] } {
  const paths = new Set(context.files.map((f) => f.path));
  if (paths.size !== lastFileSet.size || [...paths].some((p) => !lastFileSet.has(p))) {
    pruneParseCache(paths);
    clearWorkspaceFileCache();
    resolutions = new WeakMap();
    rootReasons = new WeakMap();
    lastFileSet = paths;
  }
  const parsed = context.files.map(parseCodeFile);
  const project = new CodeProject(context.root, parsed, context.allFiles ?? context.files, resolutions, rootReasons);
  return { project, supabase: new SupabaseModel(project), parsed };
}

export const codeLanguage: Language<CodeUnit> = {
  id: 'code',
  claims: (relativePath) => scriptKindOf(relativePath) !== undefined && !/\.d\.[cm]?ts$/.test(relativePath),
  analyze(context) {
    const { project, supabase, parsed } = buildProject(context);
    const units: CodeUnit[] = [];
    for (const file of parsed) {
      if (context.focus && !context.focus.has(file.file.path)) continue;
      if (file.parseError) {
        context.report({
          ruleId: 'meta/parse-error',
          severity: 'info',
          message: file.parseError.message,
          file: file.file.path,
          range: file.parseError.range,
        });
      }
      units.push({ files: [file.file], parsed: file, project, supabase });
    }
    return units;
  },
  comments: (file: SourceFile) => commentsOf(parseCodeFile(file)),
  suppressionScope: (file, comment) => statementAfterComment(parseCodeFile(file), comment),
};
