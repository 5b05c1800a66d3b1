import type { Principal } from '../../model/principal.js';
import type { PrincipalReach as Reach } from '../../policy/reach.js';
import type { EscalationContext, EscalationEdge, Permission } from './context.js';
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
        if (!trust) continue;
        const profile = service.needsInstanceProfile
          ? instanceProfileFor(ctx, reach, role)
          : NO_PROFILE_NEEDED;
        if (!profile) continue;
        const alternative = firstPermitted(ctx, reach, service);
        if (!alternative) continue;
        out.push({
          from: source.arn,
          to: role.arn,
          kind: 'can-pass-role',
          method: ['iam:PassRole', ...profile.actions, ...alternative.actions].join('+'),
          ...(profile.via === undefined ? {} : { via: profile.via }),
          statements: [
            ...pass.statements,
            ...profile.permission.statements,
            ...alternative.permission.statements,
            trust.statement,
          ],
          conditional:
            pass.conditional ||
            profile.permission.conditional ||
            alternative.permission.conditional ||
            trust.conditional,
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

/** How the role gets into an instance profile: the extra actions, the profile they act on, their grants. */
interface ProfileRoute {
  readonly actions: readonly string[];
  readonly via?: string;
  readonly permission: Permission;
}

const NO_PROFILE_NEEDED: ProfileRoute = { actions: [], permission: { statements: [], conditional: false } };

/**
 * EC2-style services run a role through an instance profile: one the inputs show holding it, one
 * the source creates, or an existing profile the source puts the role into (taking out the role it
 * holds first, since a profile holds one role).
 */
function instanceProfileFor(ctx: EscalationContext, reach: Reach, role: Principal): ProfileRoute | undefined {
  const profiles = ctx.workloads.filter((w) => w.type === 'aws_iam_instance_profile');
  if (profiles.some((p) => p.runsAs?.includes(role.arn))) return NO_PROFILE_NEEDED;
  const create = ['iam:CreateInstanceProfile', 'iam:AddRoleToInstanceProfile'];
  const created = permits(
    ctx,
    reach,
    create.map((a) => [a, '*'] as const),
  );
  if (created) return { actions: create, permission: created };
  for (const profile of profiles) {
    const actions =
      (profile.runsAs?.length ?? 0) === 0
        ? ['iam:AddRoleToInstanceProfile']
        : ['iam:RemoveRoleFromInstanceProfile', 'iam:AddRoleToInstanceProfile'];
    const swapped = permits(
      ctx,
      reach,
      actions.map((a) => [a, profile.arn] as const),
    );
    if (swapped) return { actions, via: profile.arn, permission: swapped };
  }
  return undefined;
}
