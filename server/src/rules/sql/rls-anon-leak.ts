import { metadataOnly } from '../../engine/rule';

/** Reported by verified mode's probes (`server/src/verify/probes.ts`). */
export const rlsAnonLeak = metadataOnly(
  {
    id: 'sql/rls-anon-leak',
    defaultSeverity: 'error',
    description: 'Without signing in (role anon), a probe read or changed rows.',
    mode: 'verified',
  },
  'sql',
);
