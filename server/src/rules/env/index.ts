import type { Rule } from '../../engine/rule';
import { hardcodedSecret } from './hardcoded-secret';
import { publicSecret } from './public-secret';

export const envRules: Rule[] = [publicSecret as Rule, hardcodedSecret as Rule];
