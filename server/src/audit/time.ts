/** Time ranges as people type them: `90m`, `24h`, `7d`, `2w`, or an ISO date. */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export class TimeRangeError extends Error {}

/** A duration back from `now` (`24h`) or an absolute timestamp (`2026-01-31T12:00:00Z`). */
export function parseTimeBound(value: string, now: Date = new Date()): Date {
  const duration = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(value.trim());
  if (duration) return new Date(now.getTime() - Number(duration[1]) * UNIT_MS[duration[2].toLowerCase()]);
  if (/^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
    const date = new Date(value.trim());
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new TimeRangeError(`not a duration (like 24h, 7d) or an ISO date: ${JSON.stringify(value.slice(0, 40))}`);
}
