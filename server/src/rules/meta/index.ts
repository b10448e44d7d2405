import type { Rule } from '../../engine/rule';
import { internalError } from './internal-error';
import { parseError } from './parse-error';
import { suppressionWithoutReason } from './suppression-without-reason';
import { unusedSuppression } from './unused-suppression';

export const metaRules: Rule[] = [internalError, parseError, suppressionWithoutReason, unusedSuppression];
