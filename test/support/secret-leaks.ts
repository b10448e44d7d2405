import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSecrets } from '../../server/src/engine/secrets';

/** SPEC §1: at most the first 6 characters of a secret may be shown. */
export const SHOWN = 6;

export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const absolute = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(absolute) : [absolute];
  });
}

/** Every non-public secret written in the files of a project, plus those known only by name. */
export function secretsUnder(dir: string, unshaped: readonly string[] = []): string[] {
  const shaped = filesUnder(dir).flatMap((file) =>
    findSecrets(fs.readFileSync(file, 'utf8')).filter((s) => s.class !== 'public').map((s) => s.value),
  );
  return [...new Set([...shaped, ...unshaped])];
}

/** A stretch of the secret longer than what may be shown, if the output contains one. */
export function leakedPart(output: string, secret: string): string | undefined {
  for (let start = 0; start + SHOWN < secret.length; start++) {
    const part = secret.slice(start, start + SHOWN + 1);
    if (output.includes(part)) return part;
  }
  return undefined;
}

/** Fails when the output shows more of any of the secrets than SPEC §1 allows. */
export function assertNoSecretShown(output: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    const leaked = leakedPart(output, secret);
    assert.equal(leaked, undefined, `the output shows "${leaked?.slice(0, SHOWN)}…" of a secret, more than ${SHOWN} characters`);
  }
}
