import type { Rule } from '../engine/rule';
import { codeRules } from './code';
import { envRules } from './env';
import { mcpRules } from './mcp';
import { metaRules } from './meta';
import { sqlRules } from './sql';

/** Every rule, registered in one place: each domain lists its own in `rules/<domain>/index.ts`. */
export const allRules: Rule[] = [...sqlRules, ...mcpRules, ...codeRules, ...envRules, ...metaRules];
