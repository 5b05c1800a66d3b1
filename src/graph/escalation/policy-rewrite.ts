import type { Principal } from '../../model/principal.js';
import type { PrincipalReach } from '../../policy/reach.js';
import { ArnList } from '../../policy/request-index.js';
import type { ArnFilter, EscalationContext, EscalationEdge, Permission, Targets } from './context.js';
import { candidateArns, mayUseAny, permits } from './context.js';
import type { EscalationMethod } from './method.js';

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

/** The actions that put any policy on a principal of each kind. */
const DIRECT_REWRITES: Readonly<Record<Principal['kind'], readonly string[]>> = {
  role: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
  user: ['iam:PutUserPolicy', 'iam:AttachUserPolicy'],
  group: ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy'],
};

const VERSION_REWRITES = ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'];

/**
 * Giving a principal the source can act as (itself, its groups, a role it can assume …) any
 * permission: an inline or attached policy, or a new default version of a customer managed policy
 * already attached to it. SetDefaultPolicyVersion only helps when an older version grants more,
 * which the inputs do not show, so that edge is conditional.
 */
export const policyRewrite: EscalationMethod = {
  name: 'give itself any permission',
  keyActions: [...Object.values(DIRECT_REWRITES).flat(), ...VERSION_REWRITES],
  edges(ctx, source, reach, actsAs) {
    const out: EscalationEdge[] = [];
    const mayRewrite = rewriteFilter(ctx, reach);
    for (const target of actsAs) {
      if (!mayRewrite(target)) continue;
      const found = directRewrite(ctx, reach, target) ?? versionRewrite(ctx, reach, target);
      if (!found) continue;
      out.push({
        from: source.arn,
        to: target.arn,
        kind: 'can-escalate',
        rewrite: 'any-permission',
        method: found.method,
        ...(found.via === undefined ? {} : { via: found.via }),
        statements: found.permission.statements,
        conditional: found.permission.conditional || found.method === 'iam:SetDefaultPolicyVersion',
      });
    }
    return out;
  },
};

/**
 * False for a target no grant of the reach could rewrite, judged from the grants' resources alone,
 * so that a source acting as many principals checks only those its grants could name.
 */
function rewriteFilter(ctx: EscalationContext, reach: PrincipalReach): (target: Principal) => boolean {
  const direct = new Map<Principal['kind'], ArnFilter>();
  // without a grant of a version action, versionRewrite finds nothing on any target
  const mayVersion = mayUseAny(ctx, reach, VERSION_REWRITES);
  let versions: ArnFilter | undefined;
  return (target) => {
    let byKind = direct.get(target.kind);
    if (!byKind) {
      byKind = candidateArns(ctx, reach, DIRECT_REWRITES[target.kind], ctx.targets[target.kind]);
      direct.set(target.kind, byKind);
    }
    if (byKind.has(target.arn)) return true;
    if (!mayVersion) return false;
    versions ??= candidateArns(ctx, reach, VERSION_REWRITES, customerPolicies(ctx));
    const filter = versions;
    return customerPolicyArns(target).some((arn) => filter.has(arn));
  };
}

const policyTargets = new WeakMap<EscalationContext, Targets<{ readonly arn: string }>>();

/** Every customer managed policy attached to a principal, sorted. */
function customerPolicies(ctx: EscalationContext): Targets<{ readonly arn: string }> {
  let targets = policyTargets.get(ctx);
  if (!targets) {
    const arns = [...new Set(ctx.principals.flatMap(customerPolicyArns))].sort();
    targets = { items: arns.map((arn) => ({ arn })), arns: new ArnList(arns) };
    policyTargets.set(ctx, targets);
  }
  return targets;
}

const customerArns = new WeakMap<Principal, readonly string[]>();

/** The principal's customer managed policies: asked once per source that acts as it, found once. */
function customerPolicyArns(principal: Principal): readonly string[] {
  let arns = customerArns.get(principal);
  if (!arns) {
    arns = principal.managedPolicyArns.filter((arn) => !AWS_MANAGED.test(arn));
    customerArns.set(principal, arns);
  }
  return arns;
}

interface Rewrite {
  readonly method: string;
  readonly via?: string;
  readonly permission: Permission;
}

function directRewrite(
  ctx: EscalationContext,
  reach: PrincipalReach,
  target: Principal,
): Rewrite | undefined {
  for (const action of DIRECT_REWRITES[target.kind]) {
    const permission = permits(ctx, reach, [[action, target.arn]]);
    if (permission) return { method: action, permission };
  }
  return undefined;
}

function versionRewrite(
  ctx: EscalationContext,
  reach: PrincipalReach,
  target: Principal,
): Rewrite | undefined {
  const customer = [...customerPolicyArns(target)].sort();
  for (const action of VERSION_REWRITES) {
    for (const policyArn of customer) {
      const permission = permits(ctx, reach, [[action, policyArn]]);
      if (permission) return { method: action, via: policyArn, permission };
    }
  }
  return undefined;
}
