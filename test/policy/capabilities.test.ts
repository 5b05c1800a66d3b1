import { describe, expect, it } from 'vitest';
import { readActionCatalog } from '../../src/ingest/action-catalog/read-catalog.js';
import { CAPABILITIES, type Capability } from '../../src/model/capability.js';
import type { ActionSet } from '../../src/policy/action-set.js';
import {
  CAPABILITY_DEFINITIONS,
  capabilitiesOf,
  capabilityActions,
  DATA_RESOURCE_TYPES,
  isResourceScoped,
} from '../../src/policy/capabilities.js';
import { Catalog } from '../../src/policy/catalog.js';
import { testCatalog } from '../helpers/policy.js';

const catalog = testCatalog();

/** A catalog that remembers every pattern and service a capability definition asks it for. */
class RecordingCatalog extends Catalog {
  readonly askedPatterns = new Set<string>();
  readonly askedServices = new Set<string>();

  override expand(pattern: string): ActionSet {
    this.askedPatterns.add(pattern);
    return super.expand(pattern);
  }

  override serviceActions(service: string): ActionSet {
    this.askedServices.add(service);
    return super.serviceActions(service);
  }
}

interface Membership {
  readonly capability: Capability;
  /** Actions that must be in the capability: the cases it exists for. */
  readonly includes: readonly string[];
  /** Actions that must not be: the plausible mistakes (reads, tags, routine calls, neighbours). */
  readonly excludes: readonly string[];
}

const MEMBERSHIP: readonly Membership[] = [
  {
    capability: 'audit-tamper',
    includes: [
      'cloudtrail:StopLogging',
      'cloudtrail:DeleteTrail',
      'cloudtrail:UpdateTrail',
      'cloudtrail:PutEventSelectors',
      'config:StopConfigurationRecorder',
      'config:DeleteDeliveryChannel',
      'guardduty:DeleteDetector',
      'guardduty:CreateFilter',
      'guardduty:UpdateIPSet',
      'securityhub:DisableSecurityHub',
      'securityhub:BatchUpdateFindings',
      'access-analyzer:DeleteAnalyzer',
      'access-analyzer:CreateArchiveRule',
      'detective:DeleteGraph',
      'macie2:DisableMacie',
      'inspector2:Disable',
      'logs:DeleteLogGroup',
      'logs:PutRetentionPolicy',
      'ec2:DeleteFlowLogs',
      'cloudwatch:DeleteAlarms',
      'cloudwatch:DisableAlarmActions',
    ],
    excludes: [
      'cloudtrail:LookupEvents',
      'cloudtrail:CreateTrail',
      'cloudtrail:StartLogging',
      'guardduty:GetFindings',
      'securityhub:GetFindings',
      'config:PutEvaluations',
      'logs:PutLogEvents',
      'logs:CreateLogGroup',
      'cloudwatch:PutMetricData',
    ],
  },
  {
    capability: 'credential-access',
    includes: [
      'secretsmanager:GetSecretValue',
      'secretsmanager:BatchGetSecretValue',
      'ssm:GetParameter',
      'ssm:GetParameters',
      'ssm:GetParametersByPath',
      'kms:Decrypt',
      'iam:CreateAccessKey',
      'iam:CreateLoginProfile',
      'sts:GetFederationToken',
      'redshift:GetClusterCredentials',
      'rds-db:connect',
      'ec2:GetPasswordData',
      'codeartifact:GetAuthorizationToken',
    ],
    excludes: [
      'secretsmanager:DescribeSecret',
      'secretsmanager:ListSecrets',
      'ssm:DescribeParameters',
      'kms:Encrypt',
      'kms:GenerateDataKey',
      'sts:AssumeRole',
      'sts:GetCallerIdentity',
      'ecr:GetAuthorizationToken',
      'lambda:GetFunction',
      'iam:ListAccessKeys',
    ],
  },
  {
    capability: 'data-delete',
    includes: [
      's3:DeleteObject',
      's3:DeleteObjectVersion',
      's3:DeleteBucket',
      's3:PutLifecycleConfiguration',
      'dynamodb:DeleteTable',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
      'rds:DeleteDBInstance',
      'rds:DeleteDBCluster',
      'rds:DeleteDBClusterSnapshot',
      'ec2:DeleteVolume',
      'ec2:DeleteSnapshot',
      'elasticfilesystem:DeleteFileSystem',
      'backup:DeleteRecoveryPoint',
      'glacier:DeleteArchive',
      'secretsmanager:DeleteSecret',
      'kms:ScheduleKeyDeletion',
      'logs:DeleteLogGroup',
      'kinesis:DeleteStream',
      'sqs:PurgeQueue',
      'sqs:DeleteQueue',
      'elasticache:DeleteReplicationGroup',
      'redshift:DeleteCluster',
      'workmail:DeleteUser',
    ],
    excludes: [
      'sqs:DeleteMessage',
      's3:GetObject',
      's3:DeleteBucketPolicy',
      's3:DeleteBucketWebsite',
      'ec2:DeleteSecurityGroup',
      'ec2:TerminateInstances',
      'lambda:DeleteFunction',
      'rds:DeleteDBParameterGroup',
      'glacier:DeleteVaultNotifications',
      'workmail:DeleteMailboxPermissions',
      'dynamodb:PutItem',
      'fsx:DetachAndDeleteS3AccessPoint',
    ],
  },
  {
    capability: 'data-export',
    includes: [
      'ec2:ModifySnapshotAttribute',
      'ec2:ModifyImageAttribute',
      'ec2:CopySnapshot',
      'rds:ModifyDBSnapshotAttribute',
      'rds:ModifyDBClusterSnapshotAttribute',
      'rds:StartExportTask',
      'redshift:AuthorizeSnapshotAccess',
      'dynamodb:ExportTableToPointInTime',
      'logs:CreateExportTask',
      's3:PutReplicationConfiguration',
      'backup:StartCopyJob',
    ],
    excludes: [
      'ec2:CreateSnapshot',
      'ec2:DescribeSnapshotAttribute',
      'rds:CreateDBSnapshot',
      's3:GetObject',
      's3:PutObject',
      'dynamodb:Scan',
      'logs:GetLogEvents',
    ],
  },
  {
    capability: 'delete',
    includes: [
      's3:DeleteObject',
      's3:DeleteBucket',
      'ec2:TerminateInstances',
      'ec2:DeleteSecurityGroup',
      'lambda:DeleteFunction',
      'cloudformation:DeleteStack',
      'rds:DeleteDBInstance',
      'iam:DeleteRole',
      'sqs:PurgeQueue',
      'kms:ScheduleKeyDeletion',
      'waf:DeleteWebACL',
    ],
    excludes: [
      'ec2:DeleteTags',
      's3:DeleteObjectTagging',
      's3:GetObject',
      's3:DeleteBucketPolicy',
      'kinesis:DeleteResourcePolicy',
      'iam:DeleteRolePolicy',
      'sqs:DeleteMessage',
      'ec2messages:DeleteMessage',
      'ssm:TerminateSession',
      'logs:DeleteRetentionPolicy',
      'ec2:StopInstances',
    ],
  },
  {
    capability: 'iam-write',
    includes: [
      'iam:CreateRole',
      'iam:CreateUser',
      'iam:AttachRolePolicy',
      'iam:PutRolePolicy',
      'iam:UpdateAssumeRolePolicy',
      'iam:CreateAccessKey',
      'iam:AddUserToGroup',
      'iam:TagRole',
      'sso:CreateAccountAssignment',
      'sso:PutInlinePolicyToPermissionSet',
      'identitystore:CreateGroupMembership',
      'organizations:LeaveOrganization',
      'organizations:AttachPolicy',
    ],
    excludes: [
      'iam:GetRole',
      'iam:ListRoles',
      'iam:SimulatePrincipalPolicy',
      'iam:PassRole',
      'iam:CreateServiceLinkedRole',
      'sts:AssumeRole',
      'sso:DescribePermissionSet',
      'organizations:DescribeOrganization',
      's3:PutBucketPolicy',
    ],
  },
  {
    capability: 'network-exposure',
    includes: [
      'ec2:AuthorizeSecurityGroupIngress',
      'ec2:AuthorizeSecurityGroupEgress',
      'ec2:RevokeSecurityGroupIngress',
      'ec2:ModifySecurityGroupRules',
      'ec2:CreateNetworkAclEntry',
      'ec2:ReplaceNetworkAclEntry',
      'ec2:DeleteNetworkAclEntry',
      'ec2:ReplaceNetworkAclAssociation',
      'ec2:AttachInternetGateway',
      'ec2:CreateRoute',
      'ec2:AssociateAddress',
      'ec2:AcceptVpcPeeringConnection',
      's3:PutBucketPublicAccessBlock',
      's3:PutAccountPublicAccessBlock',
      'lambda:CreateFunctionUrlConfig',
      'wafv2:UpdateWebACL',
    ],
    excludes: [
      'ec2:DescribeSecurityGroups',
      'ec2:CreateSecurityGroup',
      'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
      'ec2:CreateTags',
      'ec2:CreateVpc',
      's3:GetBucketPublicAccessBlock',
      's3:PutBucketPolicy',
      'lambda:InvokeFunctionUrl',
    ],
  },
  {
    capability: 'permissions-management',
    includes: [
      's3:PutBucketPolicy',
      's3:DeleteBucketPolicy',
      's3:PutBucketAcl',
      'kms:PutKeyPolicy',
      'kms:CreateGrant',
      'lambda:AddPermission',
      'iam:AttachRolePolicy',
      'sqs:SetQueueAttributes',
      'sns:SetTopicAttributes',
      'ecr:SetRepositoryPolicy',
      'kinesis:PutResourcePolicy',
      'glue:PutResourcePolicy',
      'ram:CreateResourceShare',
    ],
    excludes: [
      's3:GetBucketPolicy',
      'kms:GetKeyPolicy',
      'fsx:GetResourcePolicy',
      'quicksight:DescribeDashboardPermissions',
      'rds-db:connect',
      'glue:StartNotebook',
      'managedblockchain:POST',
      'iam:CreateRole',
      's3:PutObject',
    ],
  },
  {
    capability: 'production',
    includes: [
      's3:PutObject',
      's3:DeleteObject',
      's3:PutBucketPolicy',
      'ec2:CreateTags',
      'ec2:TerminateInstances',
      'rds:ModifyDBInstance',
    ],
    excludes: [
      's3:GetObject',
      's3:ListBucket',
      'ec2:DescribeInstances',
      'secretsmanager:GetSecretValue',
      'kms:DescribeKey',
      'cloudtrail:LookupEvents',
    ],
  },
  {
    capability: 'publish',
    includes: [
      'sns:Publish',
      'ses:SendEmail',
      'ses:SendRawEmail',
      'ses:SendTemplatedEmail',
      'ses:SendBulkEmail',
      'mobiletargeting:SendMessages',
      'sms-voice:SendTextMessage',
      'social-messaging:SendWhatsAppMessage',
      'connect:StartOutboundVoiceContact',
      'chime:SendChannelMessage',
    ],
    excludes: [
      'sns:Subscribe',
      'sns:CreateTopic',
      'ses:GetSendQuota',
      'ses:VerifyEmailIdentity',
      'sqs:SendMessage',
      'events:PutEvents',
      'kinesis:PutRecord',
      'iot:Publish',
    ],
  },
];

const MEMBERSHIP_ROWS = MEMBERSHIP.flatMap(({ capability, includes, excludes }) => [
  ...includes.map((action) => ({ capability, action, expected: true, verb: 'includes' })),
  ...excludes.map((action) => ({ capability, action, expected: false, verb: 'excludes' })),
]);

function isIn(capability: Capability, action: string): boolean {
  const index = catalog.indexOf(action);
  if (index === undefined) throw new Error(`${action} is not in the catalog`);
  return capabilityActions(catalog, capability).has(index);
}

function setOf(actions: readonly string[]): ActionSet {
  return actions.reduce((set, action) => set.union(catalog.expand(action)), catalog.none);
}

describe('capability table', () => {
  it('has one definition per capability, sorted by capability', () => {
    expect(CAPABILITY_DEFINITIONS.map((d) => d.capability)).toEqual(CAPABILITIES);
  });

  it('has must and must-not cases for every capability', () => {
    expect(MEMBERSHIP.map((m) => m.capability)).toEqual(CAPABILITIES);
    for (const m of MEMBERSHIP) {
      expect(m.includes.length, m.capability).toBeGreaterThanOrEqual(5);
      expect(m.excludes.length, m.capability).toBeGreaterThanOrEqual(5);
    }
  });

  it.each(MEMBERSHIP_ROWS)('$capability $verb $action', ({ capability, action, expected }) => {
    expect(isIn(capability, action)).toBe(expected);
  });

  it('names only actions, patterns and services that exist in the catalog', () => {
    // Given a catalog that records what the definitions ask it for
    const recording = new RecordingCatalog(readActionCatalog());
    // When every definition is built over it
    for (const d of CAPABILITY_DEFINITIONS) d.actions(recording);
    // Then every exact name is one action, and every pattern and service matches some action
    const exact = [...recording.askedPatterns].filter((p) => !/[*?]/.test(p));
    const globs = [...recording.askedPatterns].filter((p) => /[*?]/.test(p));
    expect(exact.length).toBeGreaterThan(300);
    expect(exact.filter((name) => recording.indexOf(name) === undefined)).toEqual([]);
    expect(exact.filter((name) => recording.actionName(recording.indexOf(name) ?? -1) !== name)).toEqual([]);
    expect(globs.filter((glob) => recording.expand(glob).isEmpty())).toEqual([]);
    expect([...recording.askedServices].filter((s) => !recording.hasService(s))).toEqual([]);
  });

  it.each(DATA_RESOURCE_TYPES)('names resource types of $service that exist', (entry) => {
    const { service, resourceTypes } = entry;
    const known = new Set<string>();
    for (const index of catalog.serviceActions(service).indexes()) {
      for (const type of catalog.action(index)?.resourceTypes ?? []) known.add(type);
    }
    expect(resourceTypes.filter((type) => !known.has(type))).toEqual([]);
  });

  it('describes every capability, and says production applies to production resources only', () => {
    for (const d of CAPABILITY_DEFINITIONS) expect(d.description.length, d.capability).toBeGreaterThan(40);
    const production = CAPABILITY_DEFINITIONS.find((d) => d.capability === 'production');
    expect(production?.description).toMatch(/production only|only to resources classified production/);
    expect(CAPABILITIES.filter(isResourceScoped)).toEqual(['production']);
  });
});

describe('capability sets', () => {
  it('keeps data-delete inside delete', () => {
    const dataDelete = capabilityActions(catalog, 'data-delete');
    expect(catalog.names(dataDelete.minus(capabilityActions(catalog, 'delete')))).toEqual([]);
  });

  it('keeps policy removals out of delete', () => {
    const deletes = capabilityActions(catalog, 'delete');
    const overlap = deletes.intersect(capabilityActions(catalog, 'permissions-management'));
    expect(catalog.names(overlap)).toEqual([
      'codestar:DeleteProject',
      'ec2:DeleteOdbNetworkPeering',
      'waf:DeleteWebACL',
      'waf-regional:DeleteWebACL',
    ]);
  });

  const ACTING = CAPABILITIES.filter((c) => c !== 'credential-access');

  it.each(ACTING)('holds only non-read actions in %s', (capability) => {
    const reads = capabilityActions(catalog, capability).minus(capabilityActions(catalog, 'production'));
    expect(catalog.names(reads)).toEqual([]);
  });

  it('defines production as every Write, Permissions management and Tagging action', () => {
    const production = capabilityActions(catalog, 'production');
    const nonRead = catalog.withAccessLevel('Write', 'Permissions management', 'Tagging');
    expect(production.equals(nonRead)).toBe(true);
  });

  it.each([
    { capability: 'audit-tamper', min: 80, max: 250 },
    { capability: 'credential-access', min: 25, max: 100 },
    { capability: 'data-delete', min: 100, max: 400 },
    { capability: 'data-export', min: 30, max: 120 },
    { capability: 'delete', min: 1_500, max: 4_000 },
    { capability: 'iam-write', min: 200, max: 500 },
    { capability: 'network-exposure', min: 40, max: 150 },
    { capability: 'permissions-management', min: 300, max: 700 },
    { capability: 'production', min: 8_000, max: 20_000 },
    { capability: 'publish', min: 20, max: 80 },
  ] satisfies { capability: Capability; min: number; max: number }[])(
    '$capability has between $min and $max actions',
    ({ capability, min, max }) => {
      const size = capabilityActions(catalog, capability).size();
      expect(size).toBeGreaterThanOrEqual(min);
      expect(size).toBeLessThanOrEqual(max);
    },
  );

  it('builds each set once per catalog', () => {
    expect(capabilityActions(catalog, 'delete')).toBe(capabilityActions(catalog, 'delete'));
    const other = new Catalog(readActionCatalog());
    const otherDelete = capabilityActions(other, 'delete');
    expect(otherDelete).not.toBe(capabilityActions(catalog, 'delete'));
    expect(otherDelete.equals(capabilityActions(catalog, 'delete'))).toBe(true);
  });
});

describe('capabilitiesOf', () => {
  it.each([
    { name: 'an empty set', actions: [], expected: [] },
    { name: 'a read', actions: ['s3:GetObject'], expected: [] },
    { name: 'a data write, production being resource-scoped', actions: ['s3:PutObject'], expected: [] },
    { name: 'an object delete', actions: ['s3:DeleteObject'], expected: ['data-delete', 'delete'] },
    {
      name: 'a policy attachment',
      actions: ['iam:AttachRolePolicy'],
      expected: ['iam-write', 'permissions-management'],
    },
    {
      name: 'a log-group delete',
      actions: ['logs:DeleteLogGroup'],
      expected: ['audit-tamper', 'data-delete', 'delete'],
    },
    {
      name: 'a mixed set, sorted',
      actions: [
        'sns:Publish',
        'secretsmanager:GetSecretValue',
        'kms:ScheduleKeyDeletion',
        'ec2:ModifySnapshotAttribute',
      ],
      expected: [
        'credential-access',
        'data-delete',
        'data-export',
        'delete',
        'permissions-management',
        'publish',
      ],
    },
    {
      name: 'a security-group rule',
      actions: ['ec2:AuthorizeSecurityGroupIngress', 'ec2:DescribeSecurityGroups'],
      expected: ['network-exposure'],
    },
  ] satisfies { name: string; actions: string[]; expected: Capability[] }[])(
    'names the capabilities of $name',
    ({ actions, expected }) => {
      for (const action of actions) expect(catalog.indexOf(action), action).toBeDefined();
      expect(capabilitiesOf(catalog, setOf(actions))).toEqual(expected);
    },
  );
});
