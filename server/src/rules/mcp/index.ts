import type { Rule } from '../../engine/rule';

// Probe rules (SPEC §8): reported by `supaguard probe-mcp`, never by a static scan.
import { noOriginCheck } from './no-origin-check';
import { probeFailed } from './probe-failed';
import { toolChanged } from './tool-changed';
import { toolPoisoning } from './tool-poisoning';
import { toolShadowing } from './tool-shadowing';
import { unauthenticatedHttp } from './unauthenticated-http';
import { writeToolsExposed } from './write-tools-exposed';

const probeRules: Rule[] = [toolPoisoning, toolShadowing, toolChanged, writeToolsExposed, unauthenticatedHttp, noOriginCheck, probeFailed];
// End of probe rules.

export const mcpRules: Rule[] = [...probeRules];
