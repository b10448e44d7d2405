import type { Rule } from '../../engine/rule';
import { authUsersExposed } from './auth-users-exposed';
import { definerFunctionExposed } from './definer-function-exposed';
import { dynamicSqlInjection } from './dynamic-sql-injection';
import { functionSearchPathMutable } from './function-search-path-mutable';
import { grantToAnon } from './grant-to-anon';
import { hardcodedSecret } from './hardcoded-secret';
import { plaintextSecretColumn } from './plaintext-secret-column';
import { policyAlwaysTrue } from './policy-always-true';
import { policyImplicitPublic } from './policy-implicit-public';
import { policyInitplan } from './policy-initplan';
import { policyUpdateWithoutCheck } from './policy-update-without-check';
import { policyUserMetadata } from './policy-user-metadata';
import { policyWithoutRls } from './policy-without-rls';
import { privateTableShared } from './private-table-shared';
import { rlsDisabled } from './rls-disabled';
import { rlsEnabledNoPolicy } from './rls-enabled-no-policy';
import { rlsExplicitlyDisabled } from './rls-explicitly-disabled';
import { securityDefinerSearchPath } from './security-definer-search-path';
import { securityDefinerView } from './security-definer-view';
import { tenantIsolationMissing } from './tenant-isolation-missing';
import { verifiedSqlRules } from './_verified';

/** Static SQL rules (SPEC §2), checked over each project's whole migration history. */
export const sqlRules: Rule[] = [
  rlsDisabled,
  rlsExplicitlyDisabled,
  policyWithoutRls,
  rlsEnabledNoPolicy,
  policyAlwaysTrue,
  policyUserMetadata,
  policyUpdateWithoutCheck,
  policyImplicitPublic,
  policyInitplan,
  tenantIsolationMissing,
  privateTableShared,
  securityDefinerSearchPath,
  functionSearchPathMutable,
  definerFunctionExposed,
  securityDefinerView,
  authUsersExposed,
  grantToAnon,
  plaintextSecretColumn,
  dynamicSqlInjection,
  hardcodedSecret,
  // Verified mode (server/src/verify): findings come from replaying the history, not from `check`.
  ...verifiedSqlRules,
];
