import type { Policy } from '../../model/policy.js';
import type { Principal, PrincipalKind } from '../../model/principal.js';
import { asBlocks } from './configuration.js';
import type { Instance } from './instances.js';
import type { PolicyReader } from './policy-documents.js';
import { createPrincipalRegistry, type PrincipalDraft } from './principal-registry.js';
import { stringsOf } from './references.js';
import { isRecord } from './values.js';
import type { WorldContext } from './world.js';

const PRINCIPAL_TYPES: Readonly<Record<string, PrincipalKind>> = {
  aws_iam_role: 'role',
  aws_iam_user: 'user',
  aws_iam_group: 'group',
};

/** Inline policy resources and the attribute that names their principal. */
const INLINE_POLICY_TYPES: Readonly<Record<string, readonly [PrincipalKind, string]>> = {
  aws_iam_role_policy: ['role', 'role'],
  aws_iam_user_policy: ['user', 'user'],
  aws_iam_group_policy: ['group', 'group'],
};

type Need = 'required' | 'optional';

interface AttachmentRule {
  /** Principal kind and the attribute naming the principal(s). */
  readonly targets: readonly (readonly [PrincipalKind, string, Need])[];
  readonly policies: string;
}

const ATTACHMENT_TYPES: Readonly<Record<string, AttachmentRule>> = {
  aws_iam_role_policy_attachment: { targets: [['role', 'role', 'required']], policies: 'policy_arn' },
  aws_iam_user_policy_attachment: { targets: [['user', 'user', 'required']], policies: 'policy_arn' },
  aws_iam_group_policy_attachment: { targets: [['group', 'group', 'required']], policies: 'policy_arn' },
  aws_iam_policy_attachment: {
    targets: [
      ['user', 'users', 'optional'],
      ['role', 'roles', 'optional'],
      ['group', 'groups', 'optional'],
    ],
    policies: 'policy_arn',
  },
  aws_iam_role_policy_attachments_exclusive: {
    targets: [['role', 'role_name', 'required']],
    policies: 'policy_arns',
  },
  aws_iam_user_policy_attachments_exclusive: {
    targets: [['user', 'user_name', 'required']],
    policies: 'policy_arns',
  },
  aws_iam_group_policy_attachments_exclusive: {
    targets: [['group', 'group_name', 'required']],
    policies: 'policy_arns',
  },
};

/** Group memberships: the attribute naming the user(s) and the one naming the group(s). */
const MEMBERSHIP_TYPES: Readonly<Record<string, readonly [string, string]>> = {
  aws_iam_group_membership: ['users', 'group'],
  aws_iam_user_group_membership: ['user', 'groups'],
};

/** The IAM types whose policy documents this reader reads (trust, inline and customer managed policies). */
export const IAM_POLICY_TYPE_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(PRINCIPAL_TYPES),
  ...Object.keys(INLINE_POLICY_TYPES),
  'aws_iam_policy',
]);

const AWS_MANAGED_POLICY = /^arn:[^:]+:iam::aws:policy\//;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED_POLICY.test(arn);
}

export interface IamInventory {
  readonly principals: readonly Principal[];
  readonly managedPolicies: readonly Policy[];
}

/** Principals and customer managed policies of one world, with every relation between them applied. */
export function buildIam(world: WorldContext, reader: PolicyReader): IamInventory {
  const { resolver } = world;
  const managed = resolver.instances.filter((instance) => instance.at.mode === 'managed');
  const registry = createPrincipalRegistry(world);
  const policyReferrers = new Map<string, Instance>();

  function unresolved(instance: Instance, attribute: string, references: readonly string[]): void {
    const detail = references.length === 0 ? '' : ` and depends on ${references.join(', ')}`;
    world.report(
      'plan.unresolved',
      `${instance.address}: ${attribute} is unknown until apply${detail}`,
      instance,
    );
  }

  /** The principals an attribute names: by name, by ARN, or by reference to a principal resource. */
  function principalsIn(
    instance: Instance,
    kind: PrincipalKind,
    attribute: string,
    need: Need,
  ): PrincipalDraft[] {
    const value = resolver.attribute(instance, attribute);
    const named = (text: unknown) => stringsOf(text).map((name) => registry.named(kind, name, instance));
    if (value.state === 'known') return named(value.value);
    if (value.state === 'computed') {
      if (need === 'required') unresolved(instance, attribute, []);
      return [];
    }
    const found: PrincipalDraft[] = [];
    const missing: string[] = [];
    for (const candidate of value.candidates) {
      if (candidate.kind === 'value') found.push(...named(candidate.value));
      else if (candidate.kind === 'unresolved') missing.push(candidate.reference);
      else {
        const draft = registry.atAddress(candidate.instance.address);
        if (draft?.kind === kind) found.push(draft);
        else missing.push(candidate.instance.address);
      }
    }
    if (missing.length > 0) unresolved(instance, attribute, missing);
    return found;
  }

  /** The policy ARNs an attribute names: known, or the (possibly synthesised) ARN of a referenced policy. */
  function policyArnsIn(instance: Instance, attribute: string, need: Need): string[] {
    const value = resolver.attribute(instance, attribute);
    const arns: string[] = [];
    if (value.state === 'known') arns.push(...stringsOf(value.value));
    else if (value.state === 'computed' && need === 'required') unresolved(instance, attribute, []);
    else if (value.state === 'configured') {
      const missing: string[] = [];
      for (const candidate of value.candidates) {
        if (candidate.kind === 'value') arns.push(...stringsOf(candidate.value));
        else if (candidate.kind === 'instance') arns.push(world.identityOf(candidate.instance).arn);
        else missing.push(candidate.reference);
      }
      if (missing.length > 0) unresolved(instance, attribute, missing);
    }
    for (const arn of arns) if (!policyReferrers.has(arn)) policyReferrers.set(arn, instance);
    return arns;
  }

  /** `inline_policy { name, policy }` blocks of an aws_iam_role; computed (and skipped) when not configured. */
  function roleInlineBlocks(draft: PrincipalDraft, instance: Instance): void {
    const known = instance.values.inline_policy;
    const marks = isRecord(instance.unknown) ? instance.unknown.inline_policy : undefined;
    const configured = asBlocks(resolver.configOf(instance)?.expressions?.inline_policy);
    const blocks = Array.isArray(known) ? known : marks === true ? configured.map(() => ({})) : [];
    blocks.forEach((block, index) => {
      const mark: unknown = Array.isArray(marks) ? marks[index] : marks;
      const [name = `${instance.address}.inline_policy[${index}]`] = stringsOf(
        isRecord(block) ? block.name : undefined,
      );
      const label = `inline_policy "${name}"`;
      const expression = configured[index]?.policy;
      const policyUnknown = mark === true || (isRecord(mark) && mark.policy === true);
      const document = !policyUnknown
        ? reader.documentOfValue(isRecord(block) ? block.policy : undefined, instance, label)
        : expression === undefined
          ? undefined
          : reader.documentOfCandidates(
              resolver.expression(expression, resolver.scopeOf(instance)),
              instance,
              label,
            );
      if (document !== undefined) registry.addInlinePolicy(draft, name, instance, document);
    });
  }

  function declarePrincipal(kind: PrincipalKind, instance: Instance): void {
    const draft = registry.declare(kind, instance);
    if (kind === 'group') return;
    const [boundary] = policyArnsIn(instance, 'permissions_boundary', 'optional');
    if (boundary !== undefined) draft.permissionsBoundaryArn = boundary;
    if (kind === 'user') return;
    const trust = reader.documentOf(instance, 'assume_role_policy', true);
    if (trust !== undefined) {
      draft.trustPolicy = {
        id: `${draft.arn}#trust`,
        name: `${draft.name} trust policy`,
        kind: 'trust',
        address: instance.address,
        document: trust,
        source: world.sourceOf(instance),
      };
    }
    const duration = instance.values.max_session_duration;
    if (typeof duration === 'number') draft.maxSessionDurationSeconds = duration;
    for (const arn of policyArnsIn(instance, 'managed_policy_arns', 'optional'))
      draft.managedPolicyArns.add(arn);
    roleInlineBlocks(draft, instance);
  }

  function applyRelation(instance: Instance): void {
    const type = instance.at.type;
    const inline = INLINE_POLICY_TYPES[type];
    const attachment = ATTACHMENT_TYPES[type];
    const membership = MEMBERSHIP_TYPES[type];
    if (inline !== undefined) {
      const targets = principalsIn(instance, inline[0], inline[1], 'required');
      const name = world.text(instance, 'name') ?? instance.address;
      const document = targets.length === 0 ? undefined : reader.documentOf(instance, 'policy', true);
      if (document !== undefined)
        for (const draft of targets) registry.addInlinePolicy(draft, name, instance, document);
    } else if (attachment !== undefined) {
      const targets = attachment.targets.flatMap(([kind, attribute, need]) =>
        principalsIn(instance, kind, attribute, need),
      );
      const arns = policyArnsIn(instance, attachment.policies, 'required');
      for (const draft of targets) for (const arn of arns) draft.managedPolicyArns.add(arn);
    } else if (membership !== undefined) {
      const groups = principalsIn(instance, 'group', membership[1], 'required');
      for (const user of principalsIn(instance, 'user', membership[0], 'required')) {
        for (const group of groups) user.groupArns.add(group.arn);
      }
    } else if (type === 'aws_iam_user_login_profile') {
      for (const user of principalsIn(instance, 'user', 'user', 'required')) user.hasLoginProfile = true;
    } else if (type === 'aws_iam_access_key') {
      // Only `user` and `status` are read: the secret and SMTP password never enter the model.
      const active = (world.text(instance, 'status') ?? 'Active') === 'Active';
      for (const user of principalsIn(instance, 'user', 'user', 'required')) {
        user.accessKeyCount = (user.accessKeyCount ?? 0) + (active ? 1 : 0);
      }
    }
  }

  for (const instance of managed) {
    const kind = PRINCIPAL_TYPES[instance.at.type];
    if (kind !== undefined) declarePrincipal(kind, instance);
  }

  // A policy whose document cannot be read is kept with no statements, so attachments still find it;
  // the diagnostic says why it grants nothing.
  const managedPolicies: Policy[] = managed
    .filter((instance) => instance.at.type === 'aws_iam_policy')
    .map((instance) => {
      const { arn, name } = world.identityOf(instance);
      return {
        id: arn,
        name,
        kind: 'customer-managed',
        arn,
        address: instance.address,
        document: reader.documentOf(instance, 'policy', true) ?? { statements: [] },
        source: world.sourceOf(instance),
      };
    });

  for (const instance of managed) applyRelation(instance);

  const policyIds = new Set(managedPolicies.map((policy) => policy.id));
  for (const [arn, referrer] of policyReferrers) {
    if (isAwsManagedPolicyArn(arn) || policyIds.has(arn)) continue;
    world.report(
      'plan.policy-not-in-inputs',
      `${referrer.address} uses ${arn}, which the plan does not define; supply --account to include it`,
      referrer,
      { kind: 'managed-policy', arn },
    );
  }
  return { principals: registry.principals(), managedPolicies };
}
