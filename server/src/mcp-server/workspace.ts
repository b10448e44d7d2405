import * as fs from 'node:fs';
import * as path from 'node:path';

/** A tool argument the server will not act on: reported to the agent as a tool error (`isError`). */
export class ToolInputError extends Error {}

/**
 * An absolute path inside the workspace for a path an agent sent (relative to the workspace, or absolute).
 * Symbolic links are resolved first, so a link cannot lead the server outside.
 */
export function workspacePath(workspace: string, requested: string): string {
  const root = fs.realpathSync(workspace);
  const absolute = path.resolve(root, requested);
  let real: string;
  try {
    real = fs.realpathSync(absolute);
  } catch {
    throw new ToolInputError(`Path not found: ${requested} (paths are relative to the workspace ${root}).`);
  }
  const relative = path.relative(root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ToolInputError(`Path ${requested} is outside the workspace ${root}; only files inside it can be checked.`);
  }
  return real;
}
