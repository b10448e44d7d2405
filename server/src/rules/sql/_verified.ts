import type { Rule } from '../../engine/rule';
import { migrationFails } from './migration-fails';
import { rlsAnonLeak } from './rls-anon-leak';
import { rlsCrossUserLeak } from './rls-cross-user-leak';

/** Verified-mode rules (SPEC §9): their findings come from replaying the history (`server/src/verify`), not from `check`. */
export const verifiedSqlRules: Rule[] = [migrationFails, rlsCrossUserLeak, rlsAnonLeak];
