/**
 * The 0–100 health score of SPEC §7: 100 minus capped penalties for what the detection presets find.
 * Green ≥ 80, yellow 60–79, red < 60.
 */
import type { QueryPresetName } from './presets';

export type HealthBand = 'green' | 'yellow' | 'red';

export interface PenaltyRule {
  /** Points taken per row the preset returns (a user for bursts, an event, a table). */
  perFinding: number;
  max: number;
}

export type HealthWeights = Partial<Record<QueryPresetName, PenaltyRule>>;

export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  'credential-harvesting': { perFinding: 25, max: 40 },
  'conversation-exfiltration': { perFinding: 20, max: 30 },
  'cross-tenant': { perFinding: 2, max: 20 },
  'missing-rls': { perFinding: 10, max: 30 },
  'oauth-failures': { perFinding: 1, max: 10 },
  'service-role-usage': { perFinding: 0.1, max: 10 },
};

export interface HealthDeduction {
  preset: QueryPresetName;
  findings: number;
  points: number;
}

export interface HealthScore {
  score: number;
  band: HealthBand;
  deductions: HealthDeduction[];
}

export function healthBand(score: number): HealthBand {
  return score >= 80 ? 'green' : score >= 60 ? 'yellow' : 'red';
}

/** `findings`: how many rows each weighted preset returned over the scored period. */
export function healthScore(findings: Partial<Record<QueryPresetName, number>>, weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS): HealthScore {
  const deductions: HealthDeduction[] = [];
  for (const [preset, rule] of Object.entries(weights) as [QueryPresetName, PenaltyRule][]) {
    const count = findings[preset] ?? 0;
    if (count === 0) continue;
    deductions.push({ preset, findings: count, points: Math.round(Math.min(rule.max, count * rule.perFinding) * 10) / 10 });
  }
  const score = Math.max(0, Math.round(100 - deductions.reduce((sum, d) => sum + d.points, 0)));
  return { score, band: healthBand(score), deductions: deductions.sort((a, b) => b.points - a.points) };
}
