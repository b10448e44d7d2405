import type { Range } from '../engine/finding';

/** One server of an MCP config, as the probe needs it: how to start or reach it, and where it is written. */
export interface ProbeTarget {
  name: string;
  /** Absolute path of the config file. */
  file: string;
  /** The server's name in the config, where findings point. */
  range: Range;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  url?: string;
  headers?: Record<string, string>;
  /** Turned off in the config: its client does not start it. */
  disabled?: boolean;
  /**
   * Whether the config's client expands a `${…}` reference (the part between the braces). Absent when the
   * client is not known: every common syntax is then expanded.
   */
  expands?(inner: string): boolean;
}
