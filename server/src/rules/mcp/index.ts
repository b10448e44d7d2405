import type { Rule } from '../../engine/rule';
import { autoApprove } from './auto-approve';
import { bindAllInterfaces } from './bind-all-interfaces';
import { hardcodedSecret } from './hardcoded-secret';
import { insecureTransport } from './insecure-transport';
import { knownVulnerableServer } from './known-vulnerable-server';
import { serviceRoleToAgent } from './service-role-to-agent';
import { shellCommand } from './shell-command';
import { supabaseNotProjectScoped } from './supabase-not-project-scoped';
import { supabaseNotReadOnly } from './supabase-not-read-only';
import { tokenInUrl } from './token-in-url';
import { unpinnedPackage } from './unpinned-package';
import { unresolvedPlaceholder } from './unresolved-placeholder';

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

export const mcpRules: Rule[] = [
  bindAllInterfaces,
  hardcodedSecret,
  serviceRoleToAgent,
  tokenInUrl,
  insecureTransport,
  supabaseNotReadOnly,
  supabaseNotProjectScoped,
  unresolvedPlaceholder,
  knownVulnerableServer,
  autoApprove,
  unpinnedPackage,
  shellCommand,
  ...probeRules,
] as Rule[];
