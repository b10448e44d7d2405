import type { Rule } from '../../engine/rule';

export const sqlRules: Rule[] = [];
