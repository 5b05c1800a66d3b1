import type { Analysis } from '../graph/analysis.js';
import type { StatementRef } from '../model/policy.js';
import type { Principal } from '../model/principal.js';
import type { Resource } from '../model/resource.js';
import type { ActionSet } from '../policy/action-set.js';
import { compileArnPattern } from '../policy/arn-pattern.js';
import type { Catalog } from '../policy/catalog.js';
import { dataReadActions, dataWriteActions } from '../policy/data-access.js';
import { principalRequestKeys } from '../policy/principal-context.js';
import { accessToResource, accessWithinPattern, type ResourceAccess } from '../policy/reach.js';
import { statementRef } from '../policy/statement.js';
import { resourceAndContents } from './agent-access.js';

/** Who can reach a resource's data: an IAM principal of the inputs, everyone, another account … */
export type AccessorKind = 'principal' | 'public' | 'account' | 'service';

export interface Accessor {
  /** `*`, an account id, a principal ARN or a service name. */
  readonly who: string;
  readonly kind: AccessorKind;
  readonly read: ActionSet;
  readonly write: ActionSet;
  readonly statements: readonly StatementRef[];
  /** True when every grant it holds depends on a condition. */
  readonly conditional: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Everyone who can read or write the resource's data (for a bucket, also its objects') in a world:
 * the users and roles of the inputs (or of `principals`, some of them), through identity and
 * resource policies, and every principal a resource policy names that the inputs do not hold (`*`,
 * other accounts, services). The resource's ARN is judged as is, so the same question can be asked
 * of the world before it existed.
 */
export function accessorsOf(
  catalog: Catalog,
  world: Analysis,
  resource: Resource,
  principals: readonly Principal[] = world.inventory.principals,
): Accessor[] {
  const read = dataReadActions(catalog);
  const write = dataWriteActions(catalog);
  const targets = resourceAndContents(resource.arn);
  const out: Accessor[] = [];
  for (const principal of principals) {
    if (principal.kind === 'group') continue;
    const reach = world.index.reachOf(principal.arn);
    if (!reach) continue;
    const accesses = targets.flatMap((target, i): ResourceAccess[] => {
      const access =
        i === 0
          ? accessToResource(catalog, reach, target, {
              resourceTags: resource.tags,
              request: principalRequestKeys(principal),
            })
          : accessWithinPattern(catalog, reach, compileArnPattern(target), [], catalog.all, {
              request: principalRequestKeys(principal),
            });
      return access ? [access] : [];
    });
    const actions = accesses.reduce((acc, a) => acc.union(a.actions), catalog.none);
    const accessor = {
      who: principal.arn,
      kind: 'principal' as const,
      read: actions.intersect(read),
      write: actions.intersect(write),
      statements: accesses.flatMap((a) => a.grants.map((g) => g.statement)),
      conditional: accesses.every((a) => a.conditional),
    };
    if (!accessor.read.isEmpty() || !accessor.write.isEmpty()) out.push(accessor);
  }
  const known = new Set(world.inventory.principals.map((p) => p.arn));
  return [...out, ...namedByResourcePolicies(catalog, world, targets, known, read, write)];
}

/** Principals that Allow statements of the resource's policies name and the inputs do not hold. */
function namedByResourcePolicies(
  catalog: Catalog,
  world: Analysis,
  targets: readonly string[],
  known: ReadonlySet<string>,
  read: ActionSet,
  write: ActionSet,
): Accessor[] {
  const home = world.home.accountId;
  const byWho = new Map<string, Accessor>();
  const guarding = world.inventory.resourcePolicies.filter((rp) => rp.resourceArn === targets[0]);
  for (const { policy } of guarding) {
    for (const s of policy.document.statements) {
      if (s.effect !== 'Allow') continue;
      const applicable = targets.reduce(
        (acc, t) =>
          acc.union(
            t.includes('*') ? catalog.actionsOnPattern(compileArnPattern(t)) : catalog.actionsOnArn(t),
          ),
        catalog.none,
      );
      const named = (s.action ?? []).reduce((acc, a) => acc.union(catalog.expand(a)), catalog.none);
      const actions = (s.notAction ? catalog.all.minus(named) : named).intersect(applicable);
      for (const [who, kind] of namedPrincipals(s.principal, s.notPrincipal !== undefined, home, known)) {
        const previous = byWho.get(who);
        const ref = statementRef(policy, s);
        byWho.set(who, {
          who,
          kind,
          read: actions.intersect(read).union(previous?.read ?? catalog.none),
          write: actions.intersect(write).union(previous?.write ?? catalog.none),
          statements: [...(previous?.statements ?? []), ref],
          conditional: (previous?.conditional ?? true) && s.condition !== undefined,
        });
      }
    }
  }
  return [...byWho.values()].filter((a) => !a.read.isEmpty() || !a.write.isEmpty());
}

function namedPrincipals(
  principal: Readonly<Record<string, readonly string[]>> | undefined,
  notPrincipal: boolean,
  home: string,
  known: ReadonlySet<string>,
): [string, AccessorKind][] {
  if (notPrincipal) return [['*', 'public']];
  const out: [string, AccessorKind][] = [];
  for (const value of principal?.AWS ?? []) {
    if (value === '*') out.push(['*', 'public']);
    else if (known.has(value)) continue;
    else {
      const account = ACCOUNT_ID.test(value) ? value : value.split(':')[4];
      if (account === home && value.endsWith(':root')) continue;
      if (account === home || account === undefined) out.push([value, 'principal']);
      else out.push([value.endsWith(':root') || ACCOUNT_ID.test(value) ? account : value, 'account']);
    }
  }
  for (const service of principal?.Service ?? []) out.push([service, 'service']);
  return out;
}
