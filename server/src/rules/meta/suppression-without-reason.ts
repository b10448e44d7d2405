import { metadataOnly } from '../../engine/rule';

export const suppressionWithoutReason = metadataOnly(
  {
    id: 'meta/suppression-without-reason',
    defaultSeverity: 'warning',
    description: 'A supaguard-ignore comment without a rule id or without a reason.',
    mode: 'engine',
  },
  'meta',
);
