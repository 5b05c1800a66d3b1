import { splitConcreteArn } from './arn-pattern.js';
import type { Catalog } from './catalog.js';
import { evaluateConditions, type KnownContext } from './condition.js';
import type { Grant, PrincipalReach } from './reach.js';
import { scopeMatches } from './resource-scope.js';
import type { CompiledStatement } from './statement.js';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

/** Actions every signed request may make: no policy can allow or deny them. */
const ALWAYS_ALLOWED = new Set(['sts:getcalleridentity']);

/** True for an action every signed request may make, whatever the policies say. */
export function isAlwaysAllowed(action: string): boolean {
  return ALWAYS_ALLOWED.has(action.toLowerCase());
}

export interface EvaluateOptions {
  /**
   * A resource-based policy (a trust policy, a bucket policy …) already grants the principal access,
   * so the resource's account does not matter. Without one, identity policies reach only resources
   * of the principal's own account.
   */
  readonly resourcePolicyGrants?: boolean;
  /**
   * What is known of the request: a grant whose conditions it refutes does not allow, a conditional
   * Deny whose conditions it proves denies. Conditions it leaves unknown count as before.
   */
  readonly context?: KnownContext;
}

export interface RequestDecision {
  readonly decision: Decision;
  /** The grants that allow the request (conditional ones included, marked by their conditions). */
  readonly grants: readonly Grant[];
  readonly denies: readonly CompiledStatement[];
}

/**
 * Decides one request (a concrete action on a concrete ARN) against a principal's reach.
 * Actions that take no resource are requested on `*`, as AWS does. A resource in another account is
 * reached only when a resource-based policy grants it (see EvaluateOptions). A grant under a condition counts
 * as allowing unless the known context refutes it (reach is never under-reported); a Deny under a
 * condition counts only where the known context proves it.
 */
export function evaluateRequest(
  catalog: Catalog,
  reach: PrincipalReach,
  action: string,
  resourceArn: string,
  options: EvaluateOptions = {},
): RequestDecision {
  if (isAlwaysAllowed(action)) return { decision: 'allow', grants: [], denies: [] };
  const index = catalog.indexOf(action);
  if (index === undefined) return { decision: 'implicit-deny', grants: [], denies: [] };
  const resource = splitConcreteArn(catalog.wildcardOnly.has(index) ? '*' : resourceArn);
  const context = options.context ?? {};
  const denies = [
    ...reach.denies.filter((d) => d.actions.has(index) && scopeMatches(d.scope, resource)),
    ...reach.conditionalDenies.filter(
      (d) =>
        !d.dependsOnRequest &&
        d.condition !== undefined &&
        d.actions.has(index) &&
        scopeMatches(d.scope, resource) &&
        evaluateConditions([d.condition], context) === 'true',
    ),
  ];
  const grants = reach.grants.filter(
    (g) =>
      g.actions.has(index) &&
      g.scopes.every((scope) => scopeMatches(scope, resource)) &&
      evaluateConditions(g.conditions, context) !== 'false',
  );
  if (denies.length > 0) return { decision: 'explicit-deny', grants, denies };
  const reachable =
    options.resourcePolicyGrants === true || sameAccount(reach.principalArn, resource.head?.[4]);
  return { decision: grants.length > 0 && reachable ? 'allow' : 'implicit-deny', grants, denies };
}

/**
 * True unless the resource names an account other than the principal's. S3 bucket ARNs name none;
 * AWS-owned public resources (account `aws`, e.g. SageMaker's public hub) are open to identity
 * policies; so are ARN formats whose fifth field is not an account ID at all (MediaConnect's
 * `arn:aws:mediaconnect:<region>:offering:<id>`).
 */
function sameAccount(principalArn: string, resourceAccount: string | undefined): boolean {
  return (
    !resourceAccount || !/^\d{12}$/.test(resourceAccount) || resourceAccount === principalArn.split(':')[4]
  );
}
