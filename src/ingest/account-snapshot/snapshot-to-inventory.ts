import type { Inventory } from '../../model/inventory.js';
import { compareText } from '../../model/order.js';
import type { Policy, PolicyKind } from '../../model/policy.js';
import type { Principal, Tags } from '../../model/principal.js';
import type { Resource } from '../../model/resource.js';
import { type Diagnostic, diagnostic, type SourceLocation } from '../../model/source.js';
import { parsePolicyDocument } from '../policy-document/parse-policy-document.js';
import { isAwsManagedPolicyArn } from '../terraform-plan/iam-resources.js';
import type {
  AccountSnapshotJson,
  GroupDetail,
  ManagedPolicyDetail,
  RoleDetail,
  UserDetail,
} from './snapshot-schema.js';

const IAM_ARN = /^arn:[^:]+:iam::(\d{12}):/;

/** Collects what cannot be read while the snapshot becomes the model. */
class SnapshotReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly file: string) {}

  at(path: string): SourceLocation {
    return { file: this.file, path };
  }

  /** A policy from a document in any shape the snapshot holds it; undefined (and a diagnostic) if unreadable. */
  policy(
    fields: { id: string; name: string; kind: PolicyKind; arn?: string },
    raw: unknown,
    path: string,
  ): Policy | undefined {
    const parsed = parsePolicyDocument(raw);
    if (parsed.ok) return { ...fields, document: parsed.document, source: this.at(path) };
    this.diagnostics.push(
      diagnostic(
        'snapshot.invalid-policy',
        `the policy ${fields.name} cannot be read (${parsed.problem}); it grants nothing here`,
        this.at(path),
      ),
    );
    return undefined;
  }
}

function tagsOf(list: readonly { Key: string; Value: string }[]): Tags {
  return Object.fromEntries(list.map((tag) => [tag.Key, tag.Value]));
}

function accountOf(arn: string): string {
  return IAM_ARN.exec(arn)?.[1] ?? '';
}

function inlinePolicies(
  reader: SnapshotReader,
  arn: string,
  list: readonly { PolicyName: string; PolicyDocument: unknown }[],
  path: string,
): Policy[] {
  return list.flatMap((p, i) => {
    const policy = reader.policy(
      { id: `${arn}#inline/${p.PolicyName}`, name: p.PolicyName, kind: 'inline' },
      p.PolicyDocument,
      `${path}[${i}].PolicyDocument`,
    );
    return policy ? [policy] : [];
  });
}

function common(arn: string, name: string, path: string, reader: SnapshotReader, at: string) {
  return {
    arn,
    arnKnown: true,
    name,
    path,
    accountId: accountOf(arn),
    source: reader.at(at),
  };
}

function role(reader: SnapshotReader, r: RoleDetail, i: number): Principal {
  const at = `RoleDetailList[${i}]`;
  const trust =
    r.AssumeRolePolicyDocument === undefined
      ? undefined
      : reader.policy(
          { id: `${r.Arn}#trust`, name: `${r.RoleName} trust policy`, kind: 'trust' },
          r.AssumeRolePolicyDocument,
          `${at}.AssumeRolePolicyDocument`,
        );
  return {
    kind: 'role',
    ...common(r.Arn, r.RoleName, r.Path, reader, at),
    tags: tagsOf(r.Tags),
    inlinePolicies: inlinePolicies(reader, r.Arn, r.RolePolicyList, `${at}.RolePolicyList`),
    managedPolicyArns: r.AttachedManagedPolicies.map((p) => p.PolicyArn).sort(compareText),
    groupArns: [],
    ...(trust ? { trustPolicy: trust } : {}),
    ...(r.PermissionsBoundary
      ? { permissionsBoundaryArn: r.PermissionsBoundary.PermissionsBoundaryArn }
      : {}),
  };
}

function user(
  reader: SnapshotReader,
  u: UserDetail,
  i: number,
  groupArns: ReadonlyMap<string, string>,
): Principal {
  const at = `UserDetailList[${i}]`;
  const account = accountOf(u.Arn);
  const partition = u.Arn.split(':')[1] ?? 'aws';
  return {
    kind: 'user',
    ...common(u.Arn, u.UserName, u.Path, reader, at),
    tags: tagsOf(u.Tags),
    inlinePolicies: inlinePolicies(reader, u.Arn, u.UserPolicyList, `${at}.UserPolicyList`),
    managedPolicyArns: u.AttachedManagedPolicies.map((p) => p.PolicyArn).sort(compareText),
    // GroupList names groups; a group the snapshot does not list is assumed to sit at path /
    groupArns: u.GroupList.map(
      (name) => groupArns.get(name) ?? `arn:${partition}:iam::${account}:group/${name}`,
    ).sort(compareText),
    ...(u.PermissionsBoundary
      ? { permissionsBoundaryArn: u.PermissionsBoundary.PermissionsBoundaryArn }
      : {}),
  };
}

function group(reader: SnapshotReader, g: GroupDetail, i: number): Principal {
  const at = `GroupDetailList[${i}]`;
  return {
    kind: 'group',
    ...common(g.Arn, g.GroupName, g.Path, reader, at),
    tags: {},
    inlinePolicies: inlinePolicies(reader, g.Arn, g.GroupPolicyList, `${at}.GroupPolicyList`),
    managedPolicyArns: g.AttachedManagedPolicies.map((p) => p.PolicyArn).sort(compareText),
    groupArns: [],
  };
}

/** A managed policy's default version: the one in force. */
function managedPolicy(reader: SnapshotReader, p: ManagedPolicyDetail, i: number): Policy | undefined {
  const index = p.PolicyVersionList.findIndex((v) =>
    p.DefaultVersionId === undefined ? v.IsDefaultVersion : v.VersionId === p.DefaultVersionId,
  );
  const version = p.PolicyVersionList[index];
  if (!version) {
    reader.diagnostics.push(
      diagnostic(
        'snapshot.no-default-version',
        `the managed policy ${p.PolicyName} has no default version in the snapshot; it grants nothing here`,
        reader.at(`Policies[${i}]`),
      ),
    );
    return undefined;
  }
  return reader.policy(
    {
      id: p.Arn,
      name: p.PolicyName,
      kind: isAwsManagedPolicyArn(p.Arn) ? 'aws-managed' : 'customer-managed',
      arn: p.Arn,
    },
    version.Document,
    `Policies[${i}].PolicyVersionList[${index}].Document`,
  );
}

/** Each role's instance profiles, as the resources whose code runs as the role (EC2 escalation). */
function instanceProfiles(reader: SnapshotReader, roles: readonly RoleDetail[]): Resource[] {
  const profiles = new Map<string, Resource>();
  roles.forEach((r, i) => {
    r.InstanceProfileList.forEach((profile, j) => {
      const known = profiles.get(profile.Arn);
      profiles.set(profile.Arn, {
        arn: profile.Arn,
        arnKnown: true,
        type: 'aws_iam_instance_profile',
        name: profile.InstanceProfileName,
        accountId: accountOf(profile.Arn),
        tags: tagsOf(profile.Tags),
        runsAs: [...new Set([...(known?.runsAs ?? []), r.Arn])].sort(compareText),
        source: known?.source ?? reader.at(`RoleDetailList[${i}].InstanceProfileList[${j}]`),
      });
    });
  });
  return [...profiles.values()].sort((a, b) => compareText(a.arn, b.arn));
}

/** Account ids by how many principals they hold, most first (ties by id). */
function accountIds(principals: readonly Principal[]): string[] {
  const counts = new Map<string, number>();
  for (const p of principals) if (p.accountId) counts.set(p.accountId, (counts.get(p.accountId) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || compareText(a, b)).map(([id]) => id);
}

/**
 * The account as the snapshot shows it: every user, group and role with its policies, the managed
 * policies' default versions, and instance profiles. AWS managed policies the snapshot does not list
 * are resolved later from the bundled data set; customer managed ones it does not list are reported.
 */
export function snapshotToInventory(snapshot: AccountSnapshotJson, file: string): Inventory {
  const reader = new SnapshotReader(file);
  const groupArns = new Map(snapshot.GroupDetailList.map((g) => [g.GroupName, g.Arn]));
  const principals = [
    ...snapshot.UserDetailList.map((u, i) => user(reader, u, i, groupArns)),
    ...snapshot.GroupDetailList.map((g, i) => group(reader, g, i)),
    ...snapshot.RoleDetailList.map((r, i) => role(reader, r, i)),
  ].sort((a, b) => compareText(a.arn, b.arn));
  const managedPolicies = snapshot.Policies.flatMap((p, i) => managedPolicy(reader, p, i) ?? []).sort(
    (a, b) => compareText(a.id, b.id),
  );
  const known = new Set(managedPolicies.map((p) => p.id));
  for (const principal of principals) {
    for (const arn of [...principal.managedPolicyArns, principal.permissionsBoundaryArn ?? '']) {
      if (arn === '' || known.has(arn) || isAwsManagedPolicyArn(arn)) continue;
      known.add(arn);
      reader.diagnostics.push(
        diagnostic(
          'snapshot.policy-missing',
          `${principal.arn} uses ${arn}, which the snapshot does not list; it grants nothing here`,
          principal.source,
        ),
      );
    }
  }
  return {
    principals,
    managedPolicies,
    resources: instanceProfiles(reader, snapshot.RoleDetailList),
    resourcePolicies: [],
    accountIds: accountIds(principals),
    diagnostics: reader.diagnostics,
  };
}
