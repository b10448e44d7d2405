import { metadataOnly } from '../../engine/rule';

export const unusedSuppression = metadataOnly(
  {
    id: 'meta/unused-suppression',
    defaultSeverity: 'warning',
    description: 'A supaguard-ignore comment that suppresses nothing, or names an unknown rule.',
    mode: 'engine',
  },
  'meta',
);
