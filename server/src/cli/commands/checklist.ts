import { buildChecklist, checklistMarkdown } from '../../checklist';
import { scan } from '../../engine/scan';
import { oneOf, parseCommandLine } from '../args';
import type { Command } from '../main';
import { writeReport } from '../output';
import { resolveTarget, TARGET_OPTIONS } from './scan';

const FORMATS = ['markdown', 'json'] as const;

export const command: Command = {
  summary: 'Answer the production security checklist (pass, fail with findings, or check by hand)',
  usage: `Usage: supaguard checklist [paths…] [--format markdown|json] [--output FILE] [--config FILE]

Scans the given files or folders (default: the current folder) and answers each item of the production
checklist: RLS, leaking policies, private tables, service-role use, credentials, audit log and retention,
MCP servers. Exit code: 0 when no item fails, 1 when one does, 2 on a usage or internal error.`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, TARGET_OPTIONS);
    const format = oneOf('format', values.format, FORMATS, 'markdown');
    const checklist = buildChecklist(await scan({ ...resolveTarget(positionals), configFile: values.config }));
    writeReport(format === 'json' ? JSON.stringify(checklist, null, 2) : checklistMarkdown(checklist), values.output);
    return checklist.counts.fail ? 1 : 0;
  },
};
