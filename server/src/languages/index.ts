import type { Language } from '../engine/language';
import { envLanguage } from './env';
import { mcpLanguage } from './mcp';

/** Every language the engine lints; the first that claims a path wins (MCP configs before any generic JSON). */
export const allLanguages: Language[] = [mcpLanguage as Language, envLanguage as Language];
