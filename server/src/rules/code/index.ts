import type { Rule } from '../../engine/rule';
import { adminApiInBrowser } from './admin-api-in-browser';
import { adminClientSession } from './admin-client-session';
import { hardcodedKey } from './hardcoded-key';
import { mcpServerBindAll } from './mcp-server-bind-all';
import { mcpServerNoHostCheck } from './mcp-server-no-host-check';
import { serviceKeyInSsrClient } from './service-key-in-ssr-client';
import { serviceRoleAuthCall } from './service-role-auth-call';
import { serviceRoleClient } from './service-role-client';
import { serviceRoleInBrowser } from './service-role-in-browser';
import { serviceRoleUnscopedQuery } from './service-role-unscoped-query';

export const codeRules: Rule[] = [
  serviceRoleInBrowser,
  hardcodedKey,
  serviceRoleClient,
  serviceRoleUnscopedQuery,
  serviceRoleAuthCall,
  serviceKeyInSsrClient,
  adminApiInBrowser,
  adminClientSession,
  mcpServerBindAll,
  mcpServerNoHostCheck,
] as Rule[];
