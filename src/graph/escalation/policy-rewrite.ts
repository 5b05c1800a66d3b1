import type { Principal } from '../../model/principal.js';
import type { PrincipalReach } from '../../policy/reach.js';
import type { EscalationContext, EscalationEdge, Permission } from './context.js';
import { permits } from './context.js';
import type { EscalationMethod } from './method.js';

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

/** The actions that put any policy on a principal of each kind. */
const DIRECT_REWRITES: Readonly<Record<Principal['kind'], readonly string[]>> = {
  role: ['iam:PutRolePolicy', 'iam:AttachRolePolicy'],
  user: ['iam:PutUserPolicy', 'iam:AttachUserPolicy'],
  group: ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy'],
};

/**
 * Giving a principal the source can act as (itself, its groups, a role it can assume …) any
 * permission: an inline or attached policy, or a new default version of a customer managed policy
 * already attached to it. SetDefaultPolicyVersion only helps when an older version grants more,
 * which the inputs do not show, so that edge is conditional.
 */
export const policyRewrite: EscalationMethod = {
  name: 'give itself any permission',
  keyActions: [
    ...Object.values(DIRECT_REWRITES).flat(),
    'iam:CreatePolicyVersion',
    'iam:SetDefaultPolicyVersion',
  ],
  edges(ctx, source, reach, actsAs) {
    const out: EscalationEdge[] = [];
    for (const target of actsAs) {
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
  const customer = target.managedPolicyArns.filter((arn) => !AWS_MANAGED.test(arn)).sort();
  for (const action of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']) {
    for (const policyArn of customer) {
      const permission = permits(ctx, reach, [[action, policyArn]]);
      if (permission) return { method: action, via: policyArn, permission };
    }
  }
  return undefined;
}
