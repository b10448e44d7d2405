import type { Language } from '../engine/language';
import { envLanguage } from './env';
import { sqlLanguage } from './sql';

/** Every language the engine lints; the first that claims a path wins. */
export const allLanguages: Language[] = [sqlLanguage as Language, envLanguage as Language];
