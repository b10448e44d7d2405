import type { Range } from '../engine/finding';

/** One server of an MCP config, as the probe needs it: how to start or reach it, and where it is written. */
export interface ProbeTarget {
  name: string;
  /** Absolute path of the config file. */
  file: string;
  /** The server's entry in the config (its key), where findings point. */
  range: Range;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
}
