import type { Rule } from '../../engine/rule';

export const mcpRules: Rule[] = [];
