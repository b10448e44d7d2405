import type { Rule } from '../../engine/rule';
import type { CodeUnit } from '../../languages/code';
import { bindAllLiteral, isMcpModule, listenHostArguments } from '../../languages/code/mcp';
import { rangeOfNode } from '../../languages/code/project';
import { replaceNode } from '../../languages/code/refactor';

export const mcpServerBindAll: Rule<CodeUnit> = {
  meta: {
    id: 'code/mcp-server-bind-all',
    defaultSeverity: 'error',
    description: 'An MCP server in code listens on all network interfaces (0.0.0.0 / ::).',
  },
  language: 'code',
  check({ unit, report }) {
    const { parsed, project } = unit;
    if (!isMcpModule(parsed)) return;
    const reported = new Set<number>();
    for (const call of parsed.calls) {
      for (const argument of listenHostArguments(call)) {
        const literal = bindAllLiteral(project, parsed, argument);
        if (!literal || reported.has(literal.pos)) continue;
        reported.add(literal.pos);
        const quote = parsed.file.text[literal.getStart(parsed.ast)];
        report({
          message: `This MCP server listens on ${literal.text}, every network interface: anyone on the network (or a web page through DNS rebinding) can call its tools; bind it to 127.0.0.1.`,
          range: rangeOfNode(parsed, literal),
          fixes: [{ title: 'Listen on 127.0.0.1 only', safe: true, edits: [replaceNode(parsed, literal, `${quote}127.0.0.1${quote}`)] }],
        });
      }
    }
  },
};
