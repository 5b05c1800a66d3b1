import dataViolation from './data-violation.js';
import environmentViolation from './environment-violation.js';
import longLivedCredentials from './long-lived-credentials.js';
import noGoZone from './no-go-zone.js';
import privilegeEscalation from './privilege-escalation.js';
import productionDeletion from './production-deletion.js';
import reachExpansion from './reach-expansion.js';
import sensitiveExposure from './sensitive-exposure.js';
import sharedIdentity from './shared-identity.js';
import staleDeclaration from './stale-declaration.js';
import type { Rule } from './types.js';
import undeclaredReach from './undeclared-reach.js';
import ungatedApproval from './ungated-approval.js';

/** Every rule, sorted by id (a test keeps it sorted and in step with src/rules/ and docs/rules/). */
export const RULES: readonly Rule[] = [
  dataViolation,
  environmentViolation,
  longLivedCredentials,
  noGoZone,
  privilegeEscalation,
  productionDeletion,
  reachExpansion,
  sensitiveExposure,
  sharedIdentity,
  staleDeclaration,
  undeclaredReach,
  ungatedApproval,
];
