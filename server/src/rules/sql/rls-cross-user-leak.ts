import { metadataOnly } from '../../engine/rule';

/** Reported by verified mode's probes (`server/src/verify/probes.ts`). */
export const rlsCrossUserLeak = metadataOnly(
  {
    id: 'sql/rls-cross-user-leak',
    defaultSeverity: 'error',
    description: "Signed in as one user, a probe read, changed, deleted or inserted another user's (or tenant's) rows.",
    mode: 'verified',
  },
  'sql',
);
