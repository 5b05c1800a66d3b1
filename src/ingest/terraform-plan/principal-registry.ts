import { compareText } from '../../model/order.js';
import type { Policy, PolicyDocument } from '../../model/policy.js';
import type { Principal, PrincipalKind, Tags } from '../../model/principal.js';
import type { SourceLocation } from '../../model/source.js';
import type { Instance } from './instances.js';
import { sortByKeys } from './ordering.js';
import { stringsOf } from './references.js';
import type { WorldContext } from './world.js';

/** A principal while its world is being built; frozen into a Principal at the end. */
export interface PrincipalDraft {
  readonly kind: PrincipalKind;
  readonly arn: string;
  readonly arnKnown: boolean;
  readonly name: string;
  readonly path: string;
  readonly accountId: string;
  readonly address?: string;
  readonly tags: Tags;
  readonly source: SourceLocation;
  /** By policy id: a dedicated policy resource replaces the same policy read from the principal's attribute. */
  readonly inlinePolicies: Map<string, Policy>;
  readonly managedPolicyArns: Set<string>;
  readonly groupArns: Set<string>;
  trustPolicy?: Policy;
  permissionsBoundaryArn?: string;
  maxSessionDurationSeconds?: number;
  hasLoginProfile?: boolean;
  accessKeyCount?: number;
}

/** `/team/` from `arn:aws:iam::1:role/team/name`; `/` when there is no ARN or no path. */
function pathOfArn(arn: string | undefined): string {
  const resource = arn?.split(':')[5];
  if (resource === undefined) return '/';
  return resource.slice(resource.indexOf('/'), resource.lastIndexOf('/') + 1) || '/';
}

/** The principals of one world, found by the resource that declares them, by name or by ARN. */
export function createPrincipalRegistry(world: WorldContext) {
  const byAddress = new Map<string, PrincipalDraft>();
  const byName = new Map<string, PrincipalDraft>();
  const nameKey = (kind: PrincipalKind, name: string) => `${kind}:${name}`;
  const sourceOf = (instance: Instance): SourceLocation => world.sourceOf(instance);

  function register(draft: PrincipalDraft): PrincipalDraft {
    if (draft.address !== undefined) byAddress.set(draft.address, draft);
    byName.set(nameKey(draft.kind, draft.name), draft);
    return draft;
  }

  function draftOf(kind: PrincipalKind, instance: Instance): PrincipalDraft {
    const resource = world.resources.get(instance.address);
    return register({
      kind,
      ...world.identityOf(instance),
      path: world.text(instance, 'path') ?? '/',
      accountId: resource?.accountId ?? world.plan.accountId,
      address: instance.address,
      tags: resource?.tags ?? {},
      source: sourceOf(instance),
      inlinePolicies: new Map(),
      managedPolicyArns: new Set(),
      groupArns: new Set(),
    });
  }

  /** A principal the plan refers to but does not manage; a data source may know its ARN. */
  function stub(kind: PrincipalKind, name: string, referrer: Instance, givenArn?: string): PrincipalDraft {
    const data = world.resolver.instances.find(
      (instance) =>
        instance.at.mode === 'data' &&
        instance.at.type === `aws_iam_${kind}` &&
        instance.values.name === name,
    );
    const [knownArn = givenArn] = data === undefined ? [] : stringsOf(data.values.arn);
    const [path = pathOfArn(knownArn)] = data === undefined ? [] : stringsOf(data.values.path);
    const { partition, accountId } = world.plan;
    world.report(
      'plan.principal-not-in-inputs',
      `${referrer.address} refers to ${kind} "${name}", which the plan does not manage; supply --account to include its other policies`,
      referrer,
      { kind, name },
    );
    return register({
      kind,
      arn: knownArn ?? `arn:${partition}:iam::${accountId}:${kind}${path}${name}`,
      arnKnown: knownArn !== undefined,
      name,
      path,
      accountId,
      tags: {},
      source: sourceOf(referrer),
      inlinePolicies: new Map(),
      managedPolicyArns: new Set(),
      groupArns: new Set(),
    });
  }

  return {
    /** The principal an aws_iam_role / user / group instance declares. */
    declare: draftOf,
    atAddress: (address: string): PrincipalDraft | undefined => byAddress.get(address),
    /** The principal a name or ARN refers to, standing one in (with a diagnostic) when the plan does not manage it. */
    named(kind: PrincipalKind, nameOrArn: string, referrer: Instance): PrincipalDraft {
      if (!nameOrArn.startsWith('arn:'))
        return byName.get(nameKey(kind, nameOrArn)) ?? stub(kind, nameOrArn, referrer);
      const found = [...byName.values()].find((draft) => draft.kind === kind && draft.arn === nameOrArn);
      return found ?? stub(kind, nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1), referrer, nameOrArn);
    },
    addInlinePolicy(draft: PrincipalDraft, name: string, instance: Instance, document: PolicyDocument): void {
      const id = `${draft.arn}#inline/${name}`;
      const policy: Policy = {
        id,
        name,
        kind: 'inline',
        address: instance.address,
        document,
        source: sourceOf(instance),
      };
      draft.inlinePolicies.set(id, policy);
    },
    principals: (): Principal[] => [...new Set([...byAddress.values(), ...byName.values()])].map(toPrincipal),
  };
}

export type PrincipalRegistry = ReturnType<typeof createPrincipalRegistry>;

function toPrincipal(draft: PrincipalDraft): Principal {
  const sorted = (values: Iterable<string>) => [...values].sort(compareText);
  const {
    address,
    trustPolicy,
    permissionsBoundaryArn,
    maxSessionDurationSeconds,
    hasLoginProfile,
    accessKeyCount,
  } = draft;
  return {
    kind: draft.kind,
    arn: draft.arn,
    arnKnown: draft.arnKnown,
    name: draft.name,
    path: draft.path,
    accountId: draft.accountId,
    ...(address === undefined ? {} : { address }),
    tags: draft.tags,
    inlinePolicies: sortByKeys([...draft.inlinePolicies.values()], (policy) => [policy.id]),
    managedPolicyArns: sorted(draft.managedPolicyArns),
    groupArns: sorted(draft.groupArns),
    ...(trustPolicy === undefined ? {} : { trustPolicy }),
    ...(permissionsBoundaryArn === undefined ? {} : { permissionsBoundaryArn }),
    ...(maxSessionDurationSeconds === undefined ? {} : { maxSessionDurationSeconds }),
    ...(hasLoginProfile === undefined ? {} : { hasLoginProfile }),
    ...(accessKeyCount === undefined ? {} : { accessKeyCount }),
    source: draft.source,
  };
}
