import type { Language } from '../engine/language';
import { codeLanguage } from './code';
import { envLanguage } from './env';

/** Every language the engine lints; the first that claims a path wins. */
export const allLanguages: Language[] = [envLanguage as Language, codeLanguage as Language];
