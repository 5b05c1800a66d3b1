/**
 * Synthetic AWS accounts for the benchmark: a seeded, deterministic generator of the JSON
 * `aws iam get-account-authorization-details` prints, the blast-radius.yaml declaring 20 agents in
 * it, and a Terraform plan of 500 resources over it. The shapes are the ones real estates show:
 * service wildcards, NotAction, Deny with conditions, permission boundaries, role chains, roles
 * trusting services, PassRole and the permissions that escalate.
 */

export const ACCOUNT = '123456789012';
export const AGENTS = 20;

export interface Size {
  readonly name: string;
  readonly roles: number;
}

export const SIZES: readonly Size[] = [
  { name: 'S', roles: 50 },
  { name: 'M', roles: 1_000 },
  { name: 'L', roles: 5_000 },
  { name: 'XL', roles: 20_000 },
];

type Json = Record<string, unknown>;

/** mulberry32: the same seed, the same account. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = random(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
const TEAMS = ['payments', 'search', 'ml', 'web', 'data', 'platform', 'mobile', 'billing'];
const AWS_MANAGED = [
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  'arn:aws:iam::aws:policy/CloudWatchLogsFullAccess',
  'arn:aws:iam::aws:policy/AmazonSQSFullAccess',
  'arn:aws:iam::aws:policy/PowerUserAccess',
];
const SERVICES = [
  'lambda.amazonaws.com',
  'ecs-tasks.amazonaws.com',
  'ec2.amazonaws.com',
  'glue.amazonaws.com',
];

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const roleName = (i: number, env: string) => `${env}-${TEAMS[i % TEAMS.length]}-svc-${i}`;
const envOf = (i: number) => ENVIRONMENTS[i % 3] as string;
const bucket = (i: number, env: string) => `${env}-${TEAMS[i % TEAMS.length]}-data-${i % 97}`;

/** One statement of a customer policy, in one of the shapes real policies take. */
function statement(dice: Dice, i: number, roleCount: number): Json {
  const env = envOf(i);
  const team = TEAMS[i % TEAMS.length] as string;
  // a power-user grant is rare in a real estate, and the widest reach when it is there
  if (dice.chance(0.01))
    return {
      Effect: 'Allow',
      NotAction: ['iam:*', 'organizations:*', 'account:*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
    };
  switch (dice.int(14)) {
    case 0:
      return {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
        Resource: [`arn:aws:s3:::${bucket(i, env)}`, `arn:aws:s3:::${bucket(i, env)}/*`],
      };
    case 1:
      return {
        Effect: 'Allow',
        Action: ['dynamodb:Get*', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
        Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${env}-${team}-*`,
      };
    case 2:
      return { Effect: 'Allow', Action: ['ec2:Describe*', 'cloudwatch:Get*', 'logs:*'], Resource: '*' };
    case 3:
      return {
        Effect: 'Allow',
        Action: ['ssm:GetParameter*'],
        Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/${env}/${team}/*`,
      };
    case 4:
      return {
        Effect: 'Deny',
        Action: ['s3:DeleteBucket', 'dynamodb:DeleteTable', 'rds:DeleteDBInstance'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } },
      };
    case 5:
      return {
        Effect: 'Deny',
        NotAction: ['s3:*', 'dynamodb:*', 'logs:*', 'sts:*'],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
      };
    case 6:
      return {
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: role(roleName((i + 7) % roleCount, envOf((i + 7) % roleCount))),
        Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
      };
    case 7:
      return {
        Effect: 'Allow',
        Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'lambda:UpdateFunctionCode'],
        Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${env}-${team}-*`,
      };
    case 8:
      return {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: role(roleName((i * 3 + 1) % roleCount, envOf((i * 3 + 1) % roleCount))),
      };
    case 9:
      return {
        Effect: 'Allow',
        Action: ['iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'],
        Resource: `arn:aws:iam::${ACCOUNT}:role/${env}-${team}-*`,
      };
    case 10:
      return {
        Effect: 'Allow',
        Action: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sns:Publish'],
        Resource: [
          `arn:aws:sqs:us-east-1:${ACCOUNT}:${env}-${team}-*`,
          `arn:aws:sns:us-east-1:${ACCOUNT}:${env}-*`,
        ],
      };
    case 11:
      return {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'kms:Decrypt'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceTag/team': team } },
      };
    case 12:
      return {
        Effect: 'Allow',
        Action: ['rds:*', 'ecs:*'],
        Resource: '*',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      };
    default:
      return {
        Effect: 'Allow',
        Action: ['s3:*'],
        Resource: [`arn:aws:s3:::${env}-${team}-*`, `arn:aws:s3:::${env}-${team}-*/*`],
      };
  }
}

function document(statements: Json[]): Json {
  return { Version: '2012-10-17', Statement: statements };
}

function customerPolicy(dice: Dice, i: number, roleCount: number): Json {
  const statements = Array.from({ length: 2 + dice.int(4) }, () => statement(dice, i, roleCount));
  const name = `${envOf(i)}-${TEAMS[i % TEAMS.length]}-policy-${i}`;
  return {
    PolicyName: name,
    PolicyId: `ANPA${String(i).padStart(16, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: 0,
    IsAttachable: true,
    PolicyVersionList: [
      { Document: document(statements), VersionId: 'v2', IsDefaultVersion: true },
      {
        Document: document([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
        VersionId: 'v1',
        IsDefaultVersion: false,
      },
    ],
  };
}

/**
 * Who may assume role i: a service (most roles), an agent (a few), the role before it (chains of
 * up to four), or any principal of the account that has MFA (a few).
 */
function trust(dice: Dice, i: number): Json {
  const assumedBy = (arn: string, condition?: Json) =>
    document([
      {
        Effect: 'Allow',
        Principal: { AWS: arn },
        Action: 'sts:AssumeRole',
        ...(condition ? { Condition: condition } : {}),
      },
    ]);
  if (i < AGENTS) return assumedBy(role('agent-runtime'));
  const roll = dice.int(100);
  if (roll < 3) return assumedBy(role(`agent-${i % AGENTS}`));
  if (roll < 5)
    return assumedBy(`arn:aws:iam::${ACCOUNT}:root`, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } });
  if (roll < 45 && i % 4 !== 0) return assumedBy(role(roleName(i - 1, envOf(i - 1))));
  return document([
    { Effect: 'Allow', Principal: { Service: dice.pick(SERVICES) }, Action: 'sts:AssumeRole' },
  ]);
}

function roleDetail(dice: Dice, i: number, roleCount: number, policyCount: number): Json {
  const env = envOf(i);
  const name = i < AGENTS ? `agent-${i}` : roleName(i, env);
  const attached = new Set<string>();
  for (let n = 0; n < 3; n++) {
    const p = dice.int(policyCount);
    attached.add(`arn:aws:iam::${ACCOUNT}:policy/${envOf(p)}-${TEAMS[p % TEAMS.length]}-policy-${p}`);
  }
  const managed = dice.chance(0.03) ? AWS_MANAGED[6] : dice.pick(AWS_MANAGED.slice(0, 6));
  attached.add(managed as string);
  return {
    Path: '/',
    RoleName: name,
    RoleId: `AROA${String(i).padStart(16, '0')}`,
    Arn: role(name),
    AssumeRolePolicyDocument: trust(dice, i),
    InstanceProfileList: [],
    RolePolicyList: dice.chance(0.3)
      ? [{ PolicyName: 'inline', PolicyDocument: document([statement(dice, i, roleCount)]) }]
      : [],
    AttachedManagedPolicies: [...attached].map((arn) => ({
      PolicyArn: arn,
      PolicyName: arn.split('/').pop(),
    })),
    ...(dice.chance(0.2)
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'Policy',
            PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary-${env}`,
          },
        }
      : {}),
    Tags: [
      { Key: 'env', Value: env },
      { Key: 'team', Value: TEAMS[i % TEAMS.length] },
      ...(i < AGENTS ? [{ Key: 'ai-agent', Value: `agent-${i}` }] : []),
    ],
  };
}

function boundaryPolicy(env: string): Json {
  const name = `boundary-${env}`;
  return {
    PolicyName: name,
    Arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    DefaultVersionId: 'v1',
    PolicyVersionList: [
      {
        VersionId: 'v1',
        IsDefaultVersion: true,
        Document: document([
          { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' },
          { Effect: 'Allow', Action: ['iam:PassRole', 'iam:Get*', 'iam:List*'], Resource: '*' },
          { Effect: 'Deny', Action: ['s3:DeleteBucket'], Resource: `arn:aws:s3:::${env}-*` },
        ]),
      },
    ],
  };
}

/** The account of `roles` roles: ~4 attachments each, a customer policy per 2.5 roles, users and groups. */
export function generateSnapshot(roles: number, seed = 1): Json {
  const dice = new Dice(seed);
  const policyCount = Math.max(10, Math.round(roles * 0.4));
  const groupCount = Math.max(2, Math.round(roles / 50));
  const policies = [
    ...Array.from({ length: policyCount }, (_, i) => customerPolicy(dice, i, roles)),
    ...ENVIRONMENTS.map(boundaryPolicy),
  ];
  const policyArn = (p: number) =>
    `arn:aws:iam::${ACCOUNT}:policy/${envOf(p)}-${TEAMS[p % TEAMS.length]}-policy-${p}`;
  const groups = Array.from({ length: groupCount }, (_, g) => ({
    Path: '/',
    GroupName: `group-${g}`,
    Arn: `arn:aws:iam::${ACCOUNT}:group/group-${g}`,
    GroupPolicyList: [],
    AttachedManagedPolicies: [{ PolicyArn: policyArn(dice.int(policyCount)) }],
  }));
  const users = Array.from({ length: Math.max(2, Math.round(roles / 10)) }, (_, u) => ({
    Path: '/',
    UserName: `user-${u}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/user-${u}`,
    GroupList: [`group-${dice.int(groupCount)}`],
    UserPolicyList: dice.chance(0.2)
      ? [{ PolicyName: 'inline', PolicyDocument: document([statement(dice, u, roles)]) }]
      : [],
    AttachedManagedPolicies: dice.chance(0.3) ? [{ PolicyArn: policyArn(dice.int(policyCount)) }] : [],
    Tags: [],
  }));
  return {
    UserDetailList: users,
    GroupDetailList: groups,
    RoleDetailList: Array.from({ length: roles }, (_, i) => roleDetail(dice, i, roles, policyCount)),
    Policies: policies,
  };
}

/** blast-radius.yaml for the synthetic account: 20 agents, each declaring its team's work. */
export function generateConfig(): string {
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const env = envOf(i);
    const team = TEAMS[i % TEAMS.length];
    return [
      `  - name: agent-${i}`,
      `    owner: ${team}@example.com`,
      `    identities: ["${role(`agent-${i}`)}"]`,
      '    may:',
      `      - actions: ["s3:GetObject", "s3:ListBucket", "dynamodb:Query", "logs:*"]`,
      `        resources: ["arn:aws:s3:::${env}-${team}-*", "arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${env}-${team}-*", "*"]`,
      `    environments: [${env === 'prod' ? 'staging' : env}]`,
      '    forbid: [iam-write]',
      ...(i % 4 === 0 ? ['    human-approval: [delete]'] : []),
    ].join('\n');
  });
  return [
    'version: 1',
    'environments:',
    '  production: { tags: { env: [prod] }, names: ["prod-*"] }',
    '  staging: { tags: { env: [staging] }, names: ["staging-*"] }',
    '  dev: { tags: { env: [dev] }, names: ["dev-*"] }',
    'data:',
    '  sensitive: { arns: ["arn:aws:s3:::prod-payments-*", "arn:aws:dynamodb:*:*:table/prod-billing-*"] }',
    'approval-conditions: [aws:MultiFactorAuthPresent]',
    'agents:',
    ...agents,
    'rules:',
    '  fail-on: none',
    '',
  ].join('\n');
}

/** A role of the plan, as its resource_changes entry declares it. */
interface PlannedRole {
  readonly name: string;
  readonly kind: 'create' | 'update' | 'no-op' | 'delete' | 'replace';
}

const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const CREATED = '2026-11-20T09:00:00Z';

function resourceChange(
  type: string,
  name: string,
  actions: readonly string[],
  before: Json | null,
  after: Json | null,
  unknown: readonly string[] = [],
): Json {
  const replacing = actions.length === 2;
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: PROVIDER,
    change: {
      actions,
      before,
      after,
      after_unknown: Object.fromEntries(unknown.map((key) => [key, true])),
      before_sensitive: before === null ? false : {},
      after_sensitive: after === null ? false : {},
      ...(replacing ? { replace_paths: [['name']] } : {}),
    },
    ...(replacing ? { action_reason: 'replace_because_cannot_update' } : {}),
  };
}

/** before/after of one change: what exists before, what the plan makes of it (unknown keys left out, as Terraform does). */
function changeOf(
  kind: PlannedRole['kind'],
  before: Json,
  after: Json,
  unknown: readonly string[],
): { actions: string[]; before: Json | null; after: Json | null; unknown: readonly string[] } {
  const known = (values: Json) =>
    Object.fromEntries(Object.entries(values).filter(([k]) => !unknown.includes(k)));
  switch (kind) {
    case 'create':
      return { actions: ['create'], before: null, after: known(after), unknown };
    case 'update':
      return { actions: ['update'], before, after, unknown: [] };
    case 'no-op':
      return { actions: ['no-op'], before, after: before, unknown: [] };
    case 'delete':
      return { actions: ['delete'], before, after: null, unknown: [] };
    case 'replace':
      return { actions: ['delete', 'create'], before, after: known(after), unknown };
  }
}

function tagged(tags: Record<string, string>): Json {
  return { tags, tags_all: { ...tags, 'managed-by': 'terraform' } };
}

function roleValues(name: string, trustPolicy: Json, env: string, team: string, extraTag: string): Json {
  return {
    arn: role(name),
    assume_role_policy: JSON.stringify(trustPolicy),
    create_date: '2026-09-14T10:21:07Z',
    description: `${team} service role`,
    force_detach_policies: false,
    id: name,
    inline_policy: [],
    managed_policy_arns: [],
    max_session_duration: 3600,
    name,
    name_prefix: '',
    path: '/',
    permissions_boundary: null,
    ...tagged({ env, team, ...(extraTag ? { change: extraTag } : {}) }),
    unique_id: `AROA${name
      .replace(/[^a-z0-9]/gi, '')
      .slice(-16)
      .toUpperCase()
      .padStart(16, 'X')}`,
  };
}

/**
 * A `terraform show -json` plan (format_version 1.2) of `resources` resource changes over the
 * account `generateSnapshot(snapshotRoles)` describes: IAM roles (about half of them roles of the
 * snapshot, by ARN, updated, left alone, deleted or replaced; the rest created), inline role
 * policies and policy attachments (on the plan's roles, and on snapshot roles the plan does not
 * declare), S3 buckets, Lambda functions and DynamoDB tables, a third of them tagged env=prod.
 * Values are shaped as the AWS provider writes them: ARNs and ids unknown until apply are left out
 * of `after` and named in `after_unknown`. Seeded: the same arguments, the same plan.
 */
export function generatePlan(snapshotRoles: number, resources = 500, seed = 2): Json {
  const dice = new Dice(seed);
  const changes: Json[] = [];
  const roles: PlannedRole[] = [];
  const taken = new Set<number>();
  const snapshotRole = (): string => {
    // an agent now and then; otherwise a service role of the snapshot
    const i = dice.chance(0.05) ? dice.int(Math.min(AGENTS, snapshotRoles)) : dice.int(snapshotRoles);
    if (taken.has(i)) return snapshotRole();
    taken.add(i);
    return i < AGENTS ? `agent-${i}` : roleName(i, envOf(i));
  };
  /**
   * A role a policy or attachment can name: one the plan keeps, or one only the snapshot holds;
   * `created` when the plan creates it (what names it is then created too).
   */
  const attachableRole = (): { name: string; created: boolean } => {
    const kept = roles.filter((r) => r.kind !== 'delete');
    if (kept.length > 0 && dice.chance(0.7)) {
      const picked = dice.pick(kept);
      return { name: picked.name, created: picked.kind === 'create' };
    }
    const i = dice.int(snapshotRoles);
    return { name: i < AGENTS ? `agent-${i}` : roleName(i, envOf(i)), created: false };
  };
  const policyCount = Math.max(10, Math.round(snapshotRoles * 0.4));
  for (let k = 0; k < resources; k++) {
    const env = envOf(k);
    const team = TEAMS[k % TEAMS.length] as string;
    const roll = dice.int(100);
    const label = `${env}_${team}_${k}`;
    if (roll < 20 || roles.length === 0) {
      const existing = dice.chance(0.5) && taken.size < snapshotRoles;
      const name = existing ? snapshotRole() : `tf-${env}-${team}-role-${k}`;
      const kindRoll = dice.int(100);
      const kind: PlannedRole['kind'] = !existing
        ? 'create'
        : kindRoll < 50
          ? 'update'
          : kindRoll < 70
            ? 'no-op'
            : kindRoll < 85
              ? 'delete'
              : 'replace';
      roles.push({ name, kind });
      const trustPolicy = trust(dice, existing ? k : k + snapshotRoles);
      const before = roleValues(name, trustPolicy, env, team, '');
      const after = roleValues(name, trustPolicy, env, team, kind === 'update' ? `pr-${seed}` : '');
      const c = changeOf(kind, before, after, ['arn', 'create_date', 'id', 'unique_id']);
      changes.push(resourceChange('aws_iam_role', label, c.actions, c.before, c.after, c.unknown));
    } else if (roll < 40) {
      const { name: roleNamed, created } = attachableRole();
      const policyName = `tf-inline-${k}`;
      const values = (statements: Json[]) => ({
        id: `${roleNamed}:${policyName}`,
        name: policyName,
        name_prefix: '',
        policy: JSON.stringify(document(statements)),
        role: roleNamed,
      });
      const before = values([statement(dice, k, snapshotRoles)]);
      const after = values([statement(dice, k, snapshotRoles), statement(dice, k + 1, snapshotRoles)]);
      const kind = dice.pick(['create', 'create', 'update', 'update', 'no-op', 'delete'] as const);
      const c = changeOf(created ? 'create' : kind, before, after, ['id']);
      changes.push(resourceChange('aws_iam_role_policy', label, c.actions, c.before, c.after, c.unknown));
    } else if (roll < 55) {
      const { name: roleNamed, created } = attachableRole();
      const p = dice.int(policyCount);
      const policyArn = dice.chance(0.3)
        ? (dice.pick(AWS_MANAGED) as string)
        : `arn:aws:iam::${ACCOUNT}:policy/${envOf(p)}-${TEAMS[p % TEAMS.length]}-policy-${p}`;
      const values = {
        id: `${roleNamed}-20261120090000${String(k).padStart(8, '0')}`,
        policy_arn: policyArn,
        role: roleNamed,
      };
      const kind = dice.pick(['create', 'create', 'create', 'no-op', 'delete'] as const);
      const c = changeOf(created ? 'create' : kind, values, values, ['id']);
      changes.push(
        resourceChange('aws_iam_role_policy_attachment', label, c.actions, c.before, c.after, c.unknown),
      );
    } else if (roll < 70) {
      const name = `${env}-${team}-tf-${k}`;
      const values = (forceDestroy: boolean) => ({
        arn: `arn:aws:s3:::${name}`,
        bucket: name,
        bucket_domain_name: `${name}.s3.amazonaws.com`,
        bucket_prefix: '',
        force_destroy: forceDestroy,
        id: name,
        object_lock_enabled: false,
        region: 'us-east-1',
        ...tagged({ env, team, ...(k % 5 === 0 ? { 'data-classification': 'confidential' } : {}) }),
      });
      const kind = dice.pick(['create', 'create', 'update', 'no-op', 'delete', 'replace'] as const);
      const c = changeOf(kind, values(false), values(kind === 'update'), ['arn', 'bucket_domain_name', 'id']);
      changes.push(resourceChange('aws_s3_bucket', label, c.actions, c.before, c.after, c.unknown));
    } else if (roll < 85) {
      const name = `${env}-${team}-fn-${k}`;
      const values = (memory: number) => ({
        architectures: ['arm64'],
        arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`,
        function_name: name,
        handler: 'index.handler',
        id: name,
        memory_size: memory,
        package_type: 'Zip',
        publish: false,
        role: role(attachableRole().name),
        runtime: 'nodejs20.x',
        timeout: 30,
        ...tagged({ env, team }),
      });
      const kind = dice.pick(['create', 'update', 'update', 'no-op', 'delete', 'replace'] as const);
      const c = changeOf(kind, values(512), values(1024), ['arn', 'id']);
      changes.push(resourceChange('aws_lambda_function', label, c.actions, c.before, c.after, c.unknown));
    } else {
      const name = `${env}-${team}-table-${k}`;
      const values = (protection: boolean) => ({
        arn: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/${name}`,
        attribute: [{ name: 'pk', type: 'S' }],
        billing_mode: 'PAY_PER_REQUEST',
        deletion_protection_enabled: protection,
        hash_key: 'pk',
        id: name,
        name,
        point_in_time_recovery: [{ enabled: env === 'prod' }],
        stream_enabled: false,
        ...tagged({ env, team }),
      });
      const kind = dice.pick(['create', 'update', 'no-op', 'no-op', 'delete', 'replace'] as const);
      const c = changeOf(kind, values(env === 'prod'), values(false), ['arn', 'id']);
      changes.push(resourceChange('aws_dynamodb_table', label, c.actions, c.before, c.after, c.unknown));
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { root_module: { resources: [] } },
    resource_changes: changes,
    configuration: {
      provider_config: {
        aws: {
          name: 'aws',
          full_name: PROVIDER,
          expressions: {
            region: { constant_value: 'us-east-1' },
            allowed_account_ids: { constant_value: [ACCOUNT] },
          },
        },
      },
      root_module: {},
    },
    timestamp: CREATED,
    applyable: true,
    complete: true,
    errored: false,
  };
}
