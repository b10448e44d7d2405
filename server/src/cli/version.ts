import * as fs from 'node:fs';
import * as path from 'node:path';
import { installRoot } from '../engine/install-root';

export function packageVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(installRoot(), 'package.json'), 'utf8')).version;
}
