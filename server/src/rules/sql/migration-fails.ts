import { metadataOnly } from '../../engine/rule';

/** Reported by verified mode (`server/src/verify`) when a statement fails as the history is replayed. */
export const migrationFails = metadataOnly(
  {
    id: 'sql/migration-fails',
    defaultSeverity: 'error',
    description: 'A migration statement fails when the history is replayed in Postgres.',
    mode: 'verified',
  },
  'sql',
);
