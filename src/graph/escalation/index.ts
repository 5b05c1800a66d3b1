import { boundaryRemoval } from './boundary-removal.js';
import { userCredentials } from './credentials.js';
import { joinGroup } from './group-membership.js';
import type { EscalationMethod } from './method.js';
import { passRole } from './pass-role.js';
import { policyRewrite } from './policy-rewrite.js';
import { trustRewrite } from './trust-policy.js';
import { workloadTakeover } from './workloads.js';

/** Methods that reach another principal: their edges extend what a source can act as. */
export const REACH_METHODS: readonly EscalationMethod[] = [
  passRole,
  workloadTakeover,
  userCredentials,
  trustRewrite,
  joinGroup,
];

/** Methods that rewrite the permissions of a principal the source can already act as. */
export const REWRITE_METHODS: readonly EscalationMethod[] = [policyRewrite, boundaryRemoval];
