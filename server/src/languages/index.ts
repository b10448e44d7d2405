import type { Language } from '../engine/language';
import { codeLanguage } from './code';
import { envLanguage } from './env';
import { mcpLanguage } from './mcp';
import { sqlLanguage } from './sql';

/** Every language the engine lints; the first that claims a path wins (MCP configs before any generic JSON). */
export const allLanguages: Language[] = [
  sqlLanguage as Language,
  mcpLanguage as Language,
  envLanguage as Language,
  codeLanguage as Language,
];
