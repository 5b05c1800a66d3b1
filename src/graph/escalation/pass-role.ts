import type { Principal } from '../../model/principal.js';
import type { PrincipalReach as Reach } from '../../policy/reach.js';
import type { EscalationContext, EscalationEdge, Permission } from './context.js';
import { candidateTargets, permits } from './context.js';
import type { EscalationMethod } from './method.js';
import { PASS_ROLE_SERVICES, type PassRoleService } from './pass-role-methods.js';
import { trustsService } from './trust.js';

/** iam:PassRole on a role a service trusts, plus the actions that make the service run code as it. */
export const passRole: EscalationMethod = {
  name: 'pass a role to a service that runs code',
  keyActions: ['iam:PassRole'],
  edges(ctx, source, reach) {
    const table = passRoleTable(ctx);
    // what does not depend on the role, once per source: the service actions it has, and how it
    // would get a role into an instance profile
    const alternatives = PASS_ROLE_SERVICES.map((service) => firstPermitted(ctx, reach, service));
    let profileRoute: ProfileRoute | undefined | null = null;
    const routeFor = (role: Principal) => {
      if (table.inProfile.has(role.arn)) return NO_PROFILE_NEEDED;
      if (profileRoute === null) profileRoute = instanceProfileRoute(ctx, reach);
      return profileRoute;
    };
    const runnable = rolesTrustingAny(
      table,
      alternatives.map((a) => a !== undefined),
    );
    if (runnable.size === 0) return [];
    const out: EscalationEdge[] = [];
    for (const role of candidateTargets(ctx, reach, ['iam:PassRole'], ctx.targets.role)) {
      if (role.arn === source.arn || !runnable.has(role)) continue;
      const pass = permits(ctx, reach, [['iam:PassRole', role.arn]]);
      if (!pass) continue;
      const trusts = table.trusts.get(role) ?? [];
      for (const [i, service] of PASS_ROLE_SERVICES.entries()) {
        const trust = trusts[i];
        if (!trust) continue;
        const profile = service.needsInstanceProfile ? routeFor(role) : NO_PROFILE_NEEDED;
        if (!profile) continue;
        const alternative = alternatives[i];
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

type ServiceTrust = ReturnType<typeof trustsService>;

/** Per role, its trust statement for each pass-role service (by position); the roles an instance profile holds. */
interface PassRoleTable {
  readonly trusts: ReadonlyMap<Principal, readonly ServiceTrust[]>;
  /** The roles trusting each service, by the service's position. */
  readonly byService: readonly (readonly Principal[])[];
  readonly inProfile: ReadonlySet<string>;
  /** Roles trusting any of a set of services, by the set as a key of 0s and 1s. */
  readonly runnable: Map<string, ReadonlySet<Principal>>;
}

const tables = new WeakMap<EscalationContext, PassRoleTable>();

function passRoleTable(ctx: EscalationContext): PassRoleTable {
  const cached = tables.get(ctx);
  if (cached) return cached;
  const trusts = new Map<Principal, ServiceTrust[]>();
  const byService: Principal[][] = PASS_ROLE_SERVICES.map(() => []);
  for (const role of ctx.targets.role.items) {
    const found = PASS_ROLE_SERVICES.map((service) => trustsService(role, service.service));
    if (found.every((t) => t === undefined)) continue;
    trusts.set(role, found);
    found.forEach((t, i) => {
      if (t) byService[i]?.push(role);
    });
  }
  const inProfile = new Set(
    ctx.workloads.filter((w) => w.type === 'aws_iam_instance_profile').flatMap((p) => p.runsAs ?? []),
  );
  const table: PassRoleTable = { trusts, byService, inProfile, runnable: new Map() };
  tables.set(ctx, table);
  return table;
}

/** The roles trusting some service the source can make run code. */
function rolesTrustingAny(table: PassRoleTable, services: readonly boolean[]): ReadonlySet<Principal> {
  const key = services.map((s) => (s ? '1' : '0')).join('');
  let roles = table.runnable.get(key);
  if (!roles) {
    roles = new Set(table.byService.flatMap((r, i) => (services[i] ? r : [])));
    table.runnable.set(key, roles);
  }
  return roles;
}

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
 * EC2-style services run a role through an instance profile: one the inputs show holding it (see
 * PassRoleTable.inProfile), one the source creates, or an existing profile the source puts the role
 * into (taking out the role it holds first, since a profile holds one role).
 */
function instanceProfileRoute(ctx: EscalationContext, reach: Reach): ProfileRoute | undefined {
  const profiles = ctx.workloads.filter((w) => w.type === 'aws_iam_instance_profile');
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
