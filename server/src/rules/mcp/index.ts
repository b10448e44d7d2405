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
] as Rule[];
