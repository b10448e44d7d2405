import type { Rule } from '../../engine/rule';
import { verifiedSqlRules } from './verified';

export const sqlRules: Rule[] = [
  // Verified mode (server/src/verify).
  ...verifiedSqlRules,
];
