import { metadataOnly } from '../../engine/rule';

export const internalError = metadataOnly(
  {
    id: 'meta/internal-error',
    defaultSeverity: 'error',
    description: 'A rule or a parser failed on this file; the other rules still ran.',
    mode: 'engine',
  },
  'meta',
);
