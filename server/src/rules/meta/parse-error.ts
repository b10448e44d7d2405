import { metadataOnly } from '../../engine/rule';

export const parseError = metadataOnly(
  {
    id: 'meta/parse-error',
    defaultSeverity: 'info',
    description: 'A file could not be parsed (or only in part); the parser says why and where.',
    mode: 'engine',
  },
  'meta',
);
