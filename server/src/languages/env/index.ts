import * as path from 'node:path';
import type { AnalysisUnit, Language } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { parseEnv, type EnvModel } from './parse';

export interface EnvUnit extends AnalysisUnit {
  file: SourceFile;
  model: EnvModel;
  /** `.env.example`, `.env.sample`, `.env.template`: committed on purpose, placeholders expected. */
  isTemplate: boolean;
}

const ENV_FILE = /^\.env(\..+)?$/;
const TEMPLATE = /\.(example|sample|template|dist|defaults?)$/;

const cache = new WeakMap<SourceFile, EnvModel>();
function modelOf(file: SourceFile): EnvModel {
  let model = cache.get(file);
  if (!model) cache.set(file, (model = parseEnv(file)));
  return model;
}

export const envLanguage: Language<EnvUnit> = {
  id: 'env',
  claims: (relativePath) => ENV_FILE.test(path.posix.basename(relativePath)),
  analyze: ({ files }) =>
    files.map((file) => ({
      files: [file],
      file,
      model: modelOf(file),
      isTemplate: TEMPLATE.test(path.posix.basename(file.relativePath)),
    })),
  comments: (file) => modelOf(file).comments,
};
