import type { EscalationEdge } from './context.js';
import { candidateTargets, permits } from './context.js';
import type { EscalationMethod } from './method.js';

const KEY_ACTIONS = ['iam:UpdateAssumeRolePolicy'];

/** Rewriting a role's trust policy to name the source: then assuming it (a trust naming the caller's ARN needs no more). */
export const trustRewrite: EscalationMethod = {
  name: 'rewrite a role’s trust policy',
  keyActions: KEY_ACTIONS,
  edges(ctx, source, reach) {
    const out: EscalationEdge[] = [];
    for (const role of candidateTargets(ctx, reach, KEY_ACTIONS, ctx.targets.role)) {
      if (role.arn === source.arn) continue;
      const permission = permits(ctx, reach, [['iam:UpdateAssumeRolePolicy', role.arn]]);
      if (!permission) continue;
      out.push({
        from: source.arn,
        to: role.arn,
        kind: 'can-escalate',
        method: 'iam:UpdateAssumeRolePolicy',
        ...permission,
      });
    }
    return out;
  },
};
