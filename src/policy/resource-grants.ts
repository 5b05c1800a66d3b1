import type { Policy, Statement } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import type { ResourcePolicy } from '../model/resource.js';
import { principalMatch } from './principal-match.js';

/**
 * The statements of resource-based policies that apply to one principal, as a policy each: Allow
 * statements that name the principal itself (its ARN, or a session of the role), and Deny statements
 * that name it, its account or everyone. An Allow naming the principal's own account only delegates
 * to identity policies, and an Allow to `*` is public exposure (judged by sensitive-exposure), so
 * neither adds to the principal's own reach. A statement without Resource guards its resource.
 */
export function resourcePoliciesFor(principal: Principal, policies: readonly ResourcePolicy[]): Policy[] {
  return policies.flatMap(({ resourceArn, policy }) => {
    const statements = policy.document.statements.flatMap((s) => {
      const match = principalMatch(s, principal);
      const applies = s.effect === 'Allow' ? match === 'principal' : match !== undefined;
      return applies ? [withResource(s, resourceArn)] : [];
    });
    return statements.length === 0 ? [] : [{ ...policy, document: { ...policy.document, statements } }];
  });
}

function withResource(s: Statement, resourceArn: string): Statement {
  return s.resource || s.notResource ? s : { ...s, resource: [resourceArn] };
}
