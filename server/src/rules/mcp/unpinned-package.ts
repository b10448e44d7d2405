import type { Rule } from '../../engine/rule';
import type { McpUnit } from '../../languages/mcp';
import { launchedPackage } from '../../languages/mcp/launch';
import { serverLabel } from './_support';

/** Script runners that npx resolves from the project's own dependencies: the script is the server, not the package. */
const SCRIPT_RUNNERS = new Set(['tsx', 'ts-node', 'vite-node', 'nodemon', 'esno', 'esrun', 'node']);

export const unpinnedPackage: Rule<McpUnit> = {
  meta: {
    id: 'mcp/unpinned-package',
    defaultSeverity: 'info',
    description: 'An npx/uvx MCP server package runs with no version or @latest, so each start may run new code.',
  },
  language: 'mcp',
  check({ unit, report }) {
    for (const server of unit.config.servers) {
      const pkg = launchedPackage(server);
      if (!pkg || SCRIPT_RUNNERS.has(pkg.name) || (pkg.version !== undefined && pkg.version !== 'latest')) continue;
      const how = pkg.version === 'latest' ? 'at @latest' : 'with no version';
      const pinned = pkg.launcher.startsWith('uv') || pkg.launcher === 'pipx run' ? `${pkg.name}==<version>` : `${pkg.name}@<version>`;
      report({
        message:
          `${serverLabel(server)} runs ${pkg.name} through ${pkg.launcher} ${how}: every start may fetch and run a new release ` +
          `(or a hijacked one) with your agent's access; pin it (${pinned}).`,
        range: pkg.arg.range,
      });
    }
  },
};
