import type { Principal } from '../../model/principal.js';
import type { PrincipalReach as Reach } from '../../policy/reach.js';
import type { EscalationContext, EscalationEdge } from './context.js';
import { permits } from './context.js';
import type { EscalationMethod } from './method.js';
import { PASS_ROLE_SERVICES, type PassRoleService } from './pass-role-methods.js';
import { trustsService } from './trust.js';

/** iam:PassRole on a role a service trusts, plus the actions that make the service run code as it. */
export const passRole: EscalationMethod = {
  name: 'pass a role to a service that runs code',
  keyActions: ['iam:PassRole'],
  edges(ctx, source, reach) {
    const out: EscalationEdge[] = [];
    for (const role of ctx.principals) {
      if (role.kind !== 'role' || role.arn === source.arn) continue;
      const pass = permits(ctx, reach, [['iam:PassRole', role.arn]]);
      if (!pass) continue;
      for (const service of PASS_ROLE_SERVICES) {
        const trust = trustsService(role, service.service);
        if (!trust || !runnable(ctx, reach, service, role)) continue;
        const alternative = firstPermitted(ctx, reach, service);
        if (!alternative) continue;
        out.push({
          from: source.arn,
          to: role.arn,
          kind: 'can-pass-role',
          method: ['iam:PassRole', ...alternative.actions].join('+'),
          statements: [...pass.statements, ...alternative.permission.statements, trust.statement],
          conditional: pass.conditional || alternative.permission.conditional || trust.conditional,
        });
        break;
      }
    }
    return out;
  },
};

function firstPermitted(ctx: EscalationContext, reach: Reach, service: PassRoleService) {
  for (const actions of service.alternatives) {
    const permission = permits(
      ctx,
      reach,
      actions.map((a) => [a, '*'] as const),
    );
    if (permission) return { actions, permission };
  }
  return undefined;
}

/**
 * EC2-style services need the role in an instance profile: one the inputs show, or one the source
 * can create and add the role to.
 */
function runnable(ctx: EscalationContext, reach: Reach, service: PassRoleService, role: Principal): boolean {
  if (!service.needsInstanceProfile) return true;
  const existing = ctx.workloads.some(
    (w) => w.type === 'aws_iam_instance_profile' && w.runsAs?.includes(role.arn),
  );
  return (
    existing ||
    permits(ctx, reach, [
      ['iam:CreateInstanceProfile', '*'],
      ['iam:AddRoleToInstanceProfile', '*'],
    ]) !== undefined
  );
}
