import type { Rule } from '../../engine/rule';

export const envRules: Rule[] = [];
