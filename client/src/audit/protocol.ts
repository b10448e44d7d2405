/**
 * Messages between the audit-log webview and the extension host, both ways. The webview imports these
 * types only; the host validates what arrives, because a webview is a page and pages can be subverted.
 */
import type { PresetName } from '../../../server/out/audit/presets';

export type { PresetName };


export interface FilterInput {
  /** A duration back from now (`24h`, `7d`) or an ISO date. */
  since: string;
  until?: string;
  user?: string;
  workspace?: string;
  operation?: string;
  severity?: string[];
}

export interface QueryRequest {
  preset: PresetName;
  filters: FilterInput;
  page: { limit: number; offset: number };
}

/** What the webview keeps with `setState` and gets back after a reload. */
export interface ViewState {
  connectionId?: string;
  query: QueryRequest;
  live: boolean;
}

export interface ConnectionInfo {
  id: string;
  name: string;
  description: string;
}

export interface PresetInfo {
  id: PresetName;
  title: string;
  description: string;
}

export type HealthBand = 'green' | 'yellow' | 'red';

export type Cell = string | number | boolean | null | object;

export type ToHost =
  | { type: 'ready'; state?: ViewState }
  | { type: 'connect'; connectionId: string }
  | { type: 'query'; query: QueryRequest }
  | { type: 'live'; enabled: boolean }
  | { type: 'export'; format: 'csv' | 'json' }
  | { type: 'createMigration' }
  | { type: 'addConnection' };

export type ToWebview =
  | { type: 'init'; connections: ConnectionInfo[]; presets: PresetInfo[] }
  | { type: 'status'; state: 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'error'; message: string; connectionId?: string }
  | { type: 'result'; query: QueryRequest; columns: string[]; rows: Record<string, Cell>[]; hasMore: boolean }
  | { type: 'timeline'; bucketMinutes: number; points: { bucket: string; severity: string; events: number }[] }
  | { type: 'health'; score: number; band: HealthBand }
  | { type: 'live'; mode: 'notify' | 'poll' | 'off' }
  | { type: 'liveRows'; rows: Record<string, Cell>[] }
  | { type: 'error'; kind: string; message: string; offerMigration: boolean };
