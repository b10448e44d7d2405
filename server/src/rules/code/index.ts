import type { Rule } from '../../engine/rule';

export const codeRules: Rule[] = [];
