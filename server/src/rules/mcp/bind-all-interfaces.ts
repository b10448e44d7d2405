import type { Fix } from '../../engine/finding';
import type { Rule } from '../../engine/rule';
import type { JsonString, McpConfig, McpUnit } from '../../languages/mcp';
import { replaceInString, substringRange } from '../../languages/mcp/json';
import { containerRunOptions, urlSites } from '../../languages/mcp/launch';
import { serverLabel } from './_support';

const ALL_INTERFACES = /^(0\.0\.0\.0|\[::\]|::)(?::\d+)?$/;
const HOST_FLAGS = new Set(['--host', '--bind', '--bind-address', '--hostname', '--listen', '--address', '-H']);
const HOST_ENV = /^(?:HOST|.*_HOST|BIND.*|.*_BIND(?:_.*)?)$/i;
const HOST_ASSIGNMENT = /(?:^|[?&\s,;])(?:host|bind|hostname)=(0\.0\.0\.0|\[::\]|::)(?=$|[&\s,;:])/gi;

export const bindAllInterfaces: Rule<McpUnit> = {
  meta: {
    id: 'mcp/bind-all-interfaces',
    defaultSeverity: 'error',
    description: 'An MCP server is told to listen on every network interface (0.0.0.0, ::) instead of localhost.',
  },
  language: 'mcp',
  check({ unit, report }) {
    const { config } = unit;
    for (const server of config.servers) {
      const flag = (str: JsonString, start: number, address: string, how: string) => {
        report({
          message: `${serverLabel(server)} listens on ${address} (${how}): every machine on the network can call its tools; bind it to 127.0.0.1.`,
          range: substringRange(config.file, str, start, start + address.length),
          fixes: [loopbackFix(config, str, start, address.length)],
        });
      };
      const container = containerRunOptions(server);
      if (container) {
        checkPublishedPorts(config, container, (str, start, end, text, fix) =>
          report({
            message: `${serverLabel(server)} publishes container port ${text} on every network interface: any machine that reaches yours can call its tools; publish it on 127.0.0.1 only.`,
            range: substringRange(config.file, str, start, end),
            fixes: fix ? [fix] : [],
          }),
        );
      } else {
        server.args.forEach((arg, i) => {
          for (const m of arg.value.matchAll(HOST_ASSIGNMENT)) flag(arg, m.index + m[0].lastIndexOf(m[1]), m[1], `argument ${i + 1}`);
          const eq = arg.value.indexOf('=');
          const option = eq > 0 ? arg.value.slice(0, eq) : arg.value;
          if (!HOST_FLAGS.has(option)) return;
          const target = eq > 0 ? arg : server.args[i + 1];
          const offset = eq > 0 ? eq + 1 : 0;
          const address = target && ALL_INTERFACES.exec(target.value.slice(offset))?.[1];
          if (target && address) flag(target, offset, address, `${option} argument`);
        });
        for (const e of server.env) {
          const address = HOST_ENV.test(e.key) ? ALL_INTERFACES.exec(e.value.value)?.[1] : undefined;
          if (address) flag(e.value, 0, address, `env ${e.key}`);
        }
      }
      for (const site of urlSites(server)) {
        const host = site.url.hostname;
        if (host !== '0.0.0.0' && host !== '[::]') continue;
        const at = site.str.value.indexOf(host, site.start);
        if (at >= 0 && at < site.end) flag(site.str, at, host, site.isServerUrl ? 'url' : 'url argument');
      }
    }
  },
};

function loopbackFix(config: McpConfig, str: JsonString, start: number, length: number): Fix {
  return { title: 'Bind to 127.0.0.1', safe: true, edits: [replaceInString(config.file, str, start, start + length, '127.0.0.1')] };
}

/** `-p 8080:8080`, `-p 8080` and `-p 0.0.0.0:8080:8080` publish on every interface. */
function checkPublishedPorts(
  config: McpConfig,
  options: NonNullable<ReturnType<typeof containerRunOptions>>,
  found: (str: JsonString, start: number, end: number, text: string, fix: Fix | undefined) => void,
): void {
  for (const o of options) {
    if ((o.option !== '-p' && o.option !== '--publish') || !o.str || o.value === undefined) continue;
    const value = o.value;
    const explicit = /^(0\.0\.0\.0|\[::\]|::):/.exec(value);
    if (explicit) {
      found(o.str, o.start, o.start + explicit[1].length, value, loopbackFix(config, o.str, o.start, explicit[1].length));
    } else if (/^\d+(?:-\d+)?(?::\d+(?:-\d+)?)?(?:\/(?:tcp|udp|sctp))?$/.test(value)) {
      const published = value.includes(':') ? `127.0.0.1:${value}` : `127.0.0.1::${value}`;
      const fix: Fix = {
        title: 'Publish on 127.0.0.1 only',
        safe: true,
        edits: [replaceInString(config.file, o.str, o.start, o.end, published)],
      };
      found(o.str, o.start, o.end, value, fix);
    }
  }
}
