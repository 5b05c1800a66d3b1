import { InternalError } from '../errors.js';
import { CAPABILITIES, type Capability } from '../model/capability.js';
import type { AccessLevel } from '../model/catalog.js';
import type { ActionSet } from './action-set.js';
import type { Catalog } from './catalog.js';

/**
 * One capability (a no-go zone or approval gate) as a set of catalog actions. The sets are built
 * from the catalog's access levels, service prefixes, name patterns and named actions, never from
 * bit indexes, so they follow the catalog when it is upgraded; test/policy/capabilities.test.ts
 * fails when a named action or pattern no longer matches anything. docs/capabilities.md explains
 * every choice.
 */
export interface CapabilityDefinition {
  readonly capability: Capability;
  readonly description: string;
  readonly actions: (catalog: Catalog) => ActionSet;
  /**
   * True when the capability also depends on the resource (production: any non-read action, but
   * only on a resource classified production). `capabilitiesOf` leaves such capabilities out,
   * because an action set alone cannot say which resources it is used on.
   */
  readonly resourceScoped?: boolean;
}

const NON_READ: readonly AccessLevel[] = ['Write', 'Permissions management', 'Tagging'];

/** Authorises vended log delivery for a resource: it grants no principal anything. */
const VENDED_LOG_DELIVERY = '*:AllowVendedLogDeliveryForResource';

// ---------------------------------------------------------------------------------------------
// iam-write

/** Services whose Write and Permissions management actions change who can act in the account. */
const IDENTITY_SERVICES = [
  'iam',
  'identity-sync',
  'identitystore',
  'organizations',
  'rolesanywhere',
  'sso',
  'sso-directory',
] as const;

const IDENTITY_ACTIONS = [
  // Root-user email change: whoever controls the address can reset the root password.
  'account:AcceptPrimaryEmailUpdate',
  'account:StartPrimaryEmailUpdate',
  // Which IAM roles web and anonymous identities receive.
  'cognito-identity:SetIdentityPoolRoles',
  'cognito-identity:UpdateIdentityPool',
  // Who may sign in to the console and how.
  'signin:DeleteConsoleAuthorizationConfiguration',
  'signin:DeleteResourcePermissionStatement',
  'signin:PutConsoleAuthorizationConfiguration',
  'signin:PutResourcePermissionStatement',
];

const NOT_IDENTITY_CHANGES = [
  // Passing a role changes nothing in IAM; the can-pass-role graph edge models what it enables.
  'iam:PassRole',
  // The role's trust and permissions are fixed by AWS; many service policies need it.
  'iam:CreateServiceLinkedRole',
  VENDED_LOG_DELIVERY,
];

// ---------------------------------------------------------------------------------------------
// permissions-management

/** Actions the catalog files under Permissions management that read, or use, access rather than change it. */
const NOT_PERMISSION_CHANGES = [
  '*:BatchGet*',
  '*:Describe*',
  '*:Get*',
  '*:List*',
  '*:Search*',
  VENDED_LOG_DELIVERY,
  'bedrock-agentcore:AuthorizeAction',
  'bedrock-agentcore:InvokeGateway',
  'bedrock-agentcore:InvokeWebSearch',
  'bedrock-agentcore:PartiallyAuthorizeActions',
  'bedrock-agentcore:SynchronizeGatewayTargets',
  'cloudwatch:AssumeAccessProfile',
  'ds:AccessDSData',
  // Glue Studio, notebook and data-preview calls; glue's resource policy actions are added back below.
  'glue:*',
  'iotfleetwise:GenerateCommandPayload',
  // JSON-RPC calls to blockchain nodes.
  'managedblockchain:*',
  'opensearch:ApplicationAccessAll',
  'opensearch:ViewLoginPage',
  // A database login: credential-access.
  'rds-db:connect',
  'secretsmanager:ValidateResourcePolicy',
];

/** Resource-policy and sharing changes the catalog files under Write. */
const PERMISSION_CHANGES = [
  '*:CreateResourcePolicy',
  '*:DeleteResourcePolicy',
  '*:PutResourcePolicy',
  '*:UpdateResourcePolicy',
  'aoss:CreateAccessPolicy',
  'aoss:DeleteAccessPolicy',
  'aoss:UpdateAccessPolicy',
  'appstream:UpdateImagePermissions',
  'dataexchange:CreateDataGrant',
  'datazone:CreateSubscriptionGrant',
  'ecr-public:DeleteRepositoryPolicy',
  'iotsitewise:CreateAccessPolicy',
  'iotsitewise:UpdateAccessPolicy',
  'omics:PutS3AccessPolicy',
  'qapps:UpdateQAppPermissions',
  'quicksight:CreateCustomPermissions',
  'quicksight:UpdateAccountCustomPermission',
  'quicksight:UpdateCustomPermissions',
  'quicksight:UpdateResourcePermissions',
  'quicksight:UpdateRoleCustomPermission',
  'quicksight:UpdateUserCustomPermission',
  'ram:AssociateResourceShare',
  'ram:AssociateResourceSharePermission',
  'ram:CreateResourceShare',
  'ram:ReplacePermissionAssociations',
  'ram:UpdateResourceShare',
  'workdocs:AddResourcePermissions',
  'workmail:DeleteMailboxPermissions',
  'workmail:PutMailboxPermissions',
];

// ---------------------------------------------------------------------------------------------
// network-exposure

const NETWORK_EXPOSURE = [
  // Security groups and the attributes that attach them.
  'ec2:ApplySecurityGroupsToClientVpnTargetNetwork',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyNetworkInterfaceAttribute',
  'ec2:ModifySecurityGroupRules',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'elasticloadbalancing:SetSecurityGroups',
  'elasticache:AuthorizeCacheSecurityGroupIngress',
  'rds:AuthorizeDBSecurityGroupIngress',
  'redshift:AuthorizeClusterSecurityGroupIngress',
  // Network ACLs.
  'ec2:CreateNetworkAclEntry',
  'ec2:DeleteNetworkAclEntry',
  'ec2:ReplaceNetworkAclAssociation',
  'ec2:ReplaceNetworkAclEntry',
  // Internet paths: gateways, routes, public addresses, block-public-access switches.
  'ec2:AssociateAddress',
  'ec2:AssociateRouteTable',
  'ec2:AttachInternetGateway',
  'ec2:CreateCarrierGateway',
  'ec2:CreateEgressOnlyInternetGateway',
  'ec2:CreateRoute',
  'ec2:CreateVpcBlockPublicAccessExclusion',
  'ec2:ModifySubnetAttribute',
  'ec2:ModifyVpcBlockPublicAccessExclusion',
  'ec2:ModifyVpcBlockPublicAccessOptions',
  'ec2:ReplaceRoute',
  'ec2:ReplaceRouteTableAssociation',
  'elasticmapreduce:PutBlockPublicAccessConfiguration',
  's3:PutAccessPointPublicAccessBlock',
  's3:PutAccountPublicAccessBlock',
  's3:PutBucketPublicAccessBlock',
  // Connections with other networks and accounts.
  'ec2:AcceptTransitGatewayPeeringAttachment',
  'ec2:AcceptTransitGatewayVpcAttachment',
  'ec2:AcceptVpcEndpointConnections',
  'ec2:AcceptVpcPeeringConnection',
  'ec2:AttachVpnGateway',
  'ec2:AuthorizeClientVpnIngress',
  'ec2:CreateInstanceConnectEndpoint',
  'ec2:CreateTransitGatewayPeeringAttachment',
  'ec2:CreateTransitGatewayVpcAttachment',
  'ec2:CreateVpcPeeringConnection',
  'ec2:CreateVpnConnection',
  'ec2:ModifyVpcEndpointServicePermissions',
  // Public endpoints of managed services.
  'aoss:CreateSecurityPolicy',
  'aoss:UpdateSecurityPolicy',
  'kafka:UpdateConnectivity',
  'lambda:CreateFunctionUrlConfig',
  'lambda:UpdateFunctionUrlConfig',
  'lightsail:OpenInstancePublicPorts',
  'lightsail:PutInstancePublicPorts',
  // Firewalls in front of the network and applications.
  'network-firewall:AssociateFirewallPolicy',
  'network-firewall:DeleteFirewall',
  'network-firewall:DisassociateSubnets',
  'network-firewall:UpdateFirewallPolicy',
  'network-firewall:UpdateRuleGroup',
  'route53resolver:DisassociateFirewallRuleGroup',
  'route53resolver:UpdateFirewallRule',
  'waf-regional:DisassociateWebACL',
  'waf-regional:UpdateWebACL',
  'waf:UpdateWebACL',
  'wafv2:AssociateWebACL',
  'wafv2:DeleteWebACL',
  'wafv2:DisassociateWebACL',
  'wafv2:UpdateIPSet',
  'wafv2:UpdateRuleGroup',
  'wafv2:UpdateWebACL',
];

// ---------------------------------------------------------------------------------------------
// delete

/** Verbs that destroy what they name, matched on Write actions. */
const DELETE_VERBS = ['*:BatchDelete*', '*:Delete*', '*:Drop*', '*:Purge*', '*:Terminate*'];

/** Destructive actions whose names do not start with a delete verb. */
const DELETE_ACTIONS = [
  'account:CloseAccount',
  'amplifybackend:RemoveAllBackends',
  'codeartifact:DisposePackageVersions',
  'cognito-idp:AdminDeleteUser',
  'connect:ReleasePhoneNumber',
  'dax:BatchWriteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLDelete',
  'ec2:DeregisterImage',
  'ec2:ReleaseAddress',
  'es:ESHttpDelete',
  'fsx:DetachAndDeleteS3AccessPoint',
  'healthlake:StartFHIRBulkDeleteJob',
  'kms:ScheduleKeyDeletion',
  'lightsail:ReleaseStaticIp',
  'neptune-db:ResetDatabase',
  'neptune-graph:ResetGraph',
  'organizations:CloseAccount',
  'qldb:PartiQLDelete',
  'qldb:PartiQLDropTable',
  'sms-voice:ReleasePhoneNumber',
  'transfer:StartRemoteDelete',
  'workmail:DeregisterFromWorkMail',
  'workmail:WipeMobileDevice',
  // Resource deletions the catalog files under Permissions management.
  'codestar:DeleteProject',
  'ec2:DeleteOdbNetworkPeering',
  'waf-regional:DeleteWebACL',
  'waf:DeleteWebACL',
];

/** Configuration that makes the service delete the data itself (expiry, retention, TTL). */
const INDIRECT_DELETE_ACTIONS = [
  'backup:UpdateRecoveryPointLifecycle',
  'dynamodb:UpdateTimeToLive',
  'ecr:PutLifecyclePolicy',
  'logs:PutRetentionPolicy',
  's3:PutLifecycleConfiguration',
];

const NOT_DELETES = [
  // Acknowledging a consumed message: routine, the message was already delivered.
  'ec2messages:DeleteMessage',
  'sqs:DeleteMessage',
  // Ending a session or connection destroys nothing that persists.
  '*:Terminate*Session',
  'ec2:TerminateClientVpnConnections',
  'identitystore-auth:BatchDeleteSession',
  // Removing a retention setting keeps logs for ever.
  'logs:DeleteRetentionPolicy',
];

// ---------------------------------------------------------------------------------------------
// data-delete

export interface DataResourceTypes {
  readonly service: string;
  readonly resourceTypes: readonly string[];
}

/**
 * Resource types that hold data, for services where every delete action on them destroys data
 * (or its backups). Delete actions on these types are data-delete; new ones join automatically
 * when the catalog grows.
 */
export const DATA_RESOURCE_TYPES: readonly DataResourceTypes[] = [
  { service: 'cassandra', resourceTypes: ['keyspace', 'table'] },
  { service: 'docdb-elastic', resourceTypes: ['cluster', 'cluster-snapshot'] },
  {
    service: 'elasticache',
    resourceTypes: ['cluster', 'replicationgroup', 'serverlesscache', 'serverlesscachesnapshot', 'snapshot'],
  },
  { service: 'memorydb', resourceTypes: ['cluster', 'multiregioncluster', 'snapshot'] },
  {
    service: 'rds',
    resourceTypes: [
      'auto-backup',
      'cluster',
      'cluster-auto-backup',
      'cluster-snapshot',
      'db',
      'shardgrp',
      'snapshot',
      'tenant-database',
    ],
  },
  { service: 's3', resourceTypes: ['accesspointobject', 'object'] },
  { service: 's3-outposts', resourceTypes: ['object'] },
  { service: 'timestream', resourceTypes: ['database', 'table'] },
  { service: 'timestream-influxdb', resourceTypes: ['db-backup', 'db-cluster', 'db-instance'] },
];

/** Data-destroying deletes in services whose resource types also cover configuration. */
const DATA_DELETE_ACTIONS = [
  'aoss:DeleteCollection',
  'aoss:DeleteIndex',
  'backup-storage:DeleteObjects',
  'backup:DeleteBackupVault',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:DeleteRecoveryPoint',
  'cloudhsm:DeleteBackup',
  'codeartifact:DeletePackage',
  'codeartifact:DeletePackageVersions',
  'codeartifact:DeleteRepository',
  'codecommit:DeleteBranch',
  'codecommit:DeleteRepository',
  'cognito-idp:DeleteUserPool',
  'dsql:DeleteCluster',
  'dynamodb:DeleteBackup',
  'dynamodb:DeleteItem',
  'dynamodb:DeleteTable',
  'dynamodb:DeleteTableReplica',
  'dax:DeleteItem',
  'ec2:DeleteSnapshot',
  'ec2:DeleteVolume',
  'ecr-public:BatchDeleteImage',
  'ecr-public:DeleteRepository',
  'ecr:BatchDeleteImage',
  'ecr:DeleteRepository',
  'elasticfilesystem:DeleteFileSystem',
  'fsx:DeleteBackup',
  'fsx:DeleteFileSystem',
  'fsx:DeleteSnapshot',
  'fsx:DeleteVolume',
  'es:DeleteDomain',
  'es:DeleteElasticsearchDomain',
  'es:DeleteIndex',
  'glacier:DeleteArchive',
  'glacier:DeleteVault',
  'glue:BatchDeletePartition',
  'glue:BatchDeleteTable',
  'glue:BatchDeleteTableVersion',
  'glue:DeleteCatalog',
  'glue:DeleteDatabase',
  'glue:DeletePartition',
  'glue:DeleteTable',
  'glue:DeleteTableVersion',
  'healthlake:DeleteFHIRDatastore',
  'healthlake:DeleteResource',
  'kafka-cluster:DeleteTopic',
  'kafka:DeleteCluster',
  'kafka:DeleteTopic',
  'kinesis:DeleteStream',
  'kinesisvideo:DeleteStream',
  'kms:DeleteImportedKeyMaterial',
  'lightsail:DeleteAutoSnapshot',
  'lightsail:DeleteBucket',
  'lightsail:DeleteDisk',
  'lightsail:DeleteDiskSnapshot',
  'lightsail:DeleteInstanceSnapshot',
  'lightsail:DeleteRelationalDatabase',
  'lightsail:DeleteRelationalDatabaseSnapshot',
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'mq:DeleteBroker',
  'neptune-db:DeleteDataViaQuery',
  'neptune-graph:DeleteDataViaQuery',
  'neptune-graph:DeleteGraph',
  'neptune-graph:DeleteGraphSnapshot',
  'omics:BatchDeleteReadSet',
  'omics:DeleteAnnotationStore',
  'omics:DeleteReference',
  'omics:DeleteReferenceStore',
  'omics:DeleteSequenceStore',
  'omics:DeleteVariantStore',
  'payment-cryptography:DeleteKey',
  'qldb:DeleteLedger',
  'rbin:DeleteRule',
  'redshift-serverless:DeleteNamespace',
  'redshift-serverless:DeleteSnapshot',
  'redshift:BatchDeleteClusterSnapshots',
  'redshift:DeleteCluster',
  'redshift:DeleteClusterSnapshot',
  's3-outposts:DeleteBucket',
  's3:DeleteBucket',
  's3express:DeleteBucket',
  's3files:DeleteFileSystem',
  's3tables:DeleteTable',
  's3tables:DeleteTableBucket',
  's3vectors:DeleteIndex',
  's3vectors:DeleteVectorBucket',
  's3vectors:DeleteVectors',
  'sdb:BatchDeleteAttributes',
  'sdb:DeleteAttributes',
  'sdb:DeleteDomain',
  'secretsmanager:DeleteSecret',
  'sqs:DeleteQueue',
  'sqs:PurgeQueue',
  'ssm:DeleteParameter',
  'ssm:DeleteParameters',
  'storagegateway:DeleteTape',
  'storagegateway:DeleteTapeArchive',
  'storagegateway:DeleteVolume',
  'workdocs:DeleteDocument',
  'workdocs:DeleteFolder',
  'workdocs:DeleteFolderContents',
  'workmail:DeleteOrganization',
  'workmail:DeleteUser',
  // Named above as deletes without a delete verb; all of them destroy data.
  'cognito-idp:AdminDeleteUser',
  'codeartifact:DisposePackageVersions',
  'dax:BatchWriteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:PartiQLDelete',
  'es:ESHttpDelete',
  'healthlake:StartFHIRBulkDeleteJob',
  'kms:ScheduleKeyDeletion',
  'neptune-db:ResetDatabase',
  'neptune-graph:ResetGraph',
  'qldb:PartiQLDelete',
  'qldb:PartiQLDropTable',
  'transfer:StartRemoteDelete',
  'workmail:DeregisterFromWorkMail',
  'workmail:WipeMobileDevice',
  ...INDIRECT_DELETE_ACTIONS,
];

// ---------------------------------------------------------------------------------------------
// data-export

const DATA_EXPORT = [
  // Sharing snapshots and images with other accounts, or with everyone.
  'ec2:DisableImageBlockPublicAccess',
  'ec2:DisableSnapshotBlockPublicAccess',
  'ec2:ModifyImageAttribute',
  'ec2:ModifySnapshotAttribute',
  'rds:ModifyDBClusterSnapshotAttribute',
  'rds:ModifyDBSnapshotAttribute',
  'redshift:AuthorizeDataShare',
  'redshift:AuthorizeSnapshotAccess',
  'backup:PutBackupVaultSharingPolicy',
  // Copies, to other Regions, vaults or keys.
  'backup:CopyFromBackupVault',
  'backup:StartCopyJob',
  'docdb-elastic:CopyClusterSnapshot',
  'ec2:CopyImage',
  'ec2:CopySnapshot',
  'elasticache:CopySnapshot',
  'fsx:CopyBackup',
  'lightsail:CopySnapshot',
  'memorydb:CopySnapshot',
  'rds:CopyDBClusterSnapshot',
  'rds:CopyDBSnapshot',
  'rds:StartDBInstanceAutomatedBackupsReplication',
  'redshift-serverless:CreateSnapshotCopyConfiguration',
  'redshift:CopyClusterSnapshot',
  'redshift:EnableSnapshotCopy',
  // Exports of tables, logs, journals, images and mailboxes.
  'dynamodb:ExportTableToPointInTime',
  'ec2:CreateInstanceExportTask',
  'ec2:CreateStoreImageTask',
  'ec2:ExportImage',
  'elasticache:ExportServerlessCacheSnapshot',
  'healthlake:StartFHIRExportJob',
  'lightsail:ExportSnapshot',
  'logs:CreateExportTask',
  'logs:PutSubscriptionFilter',
  'neptune-graph:StartExportTask',
  'omics:StartReadSetExportJob',
  'qldb:ExportJournalToS3',
  'qldb:StreamJournalToKinesis',
  'rds:StartExportTask',
  'timestream:Unload',
  'workmail:StartMailboxExportJob',
  // Continuous replication.
  'ecr:PutReplicationConfiguration',
  'elasticfilesystem:CreateReplicationConfiguration',
  's3:PutReplicationConfiguration',
  's3tables:PutTableBucketReplication',
  's3tables:PutTableReplication',
  'secretsmanager:ReplicateSecretToRegions',
  // Moving data out through a service built to move it.
  'dataexchange:CreateDataGrant',
  'dataexchange:PublishDataSet',
  'datasync:StartTaskExecution',
  'ec2:CreateTrafficMirrorSession',
];

// ---------------------------------------------------------------------------------------------
// audit-tamper

const AUDIT_TAMPER = [
  'cloudtrail:DeleteChannel',
  'cloudtrail:DeleteEventDataStore',
  'cloudtrail:DeleteTrail',
  'cloudtrail:DeregisterOrganizationDelegatedAdmin',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
  'cloudtrail:StopEventDataStoreIngestion',
  'cloudtrail:StopLogging',
  'cloudtrail:UpdateChannel',
  'cloudtrail:UpdateEventDataStore',
  'cloudtrail:UpdateTrail',
  'config:DeleteAggregationAuthorization',
  'config:DeleteConfigRule',
  'config:DeleteConfigurationAggregator',
  'config:DeleteConfigurationRecorder',
  'config:DeleteConformancePack',
  'config:DeleteDeliveryChannel',
  'config:DeleteEvaluationResults',
  'config:DeleteOrganizationConfigRule',
  'config:DeleteOrganizationConformancePack',
  'config:DeleteRemediationConfiguration',
  'config:DisassociateResourceTypes',
  'config:PutConfigurationRecorder',
  'config:PutDeliveryChannel',
  'config:PutRemediationExceptions',
  'config:PutRetentionConfiguration',
  'config:StopConfigurationRecorder',
  'guardduty:ArchiveFindings',
  'guardduty:CreateFilter',
  'guardduty:CreateIPSet',
  'guardduty:CreateTrustedEntitySet',
  'guardduty:DeleteDetector',
  'guardduty:DeleteMalwareProtectionPlan',
  'guardduty:DeleteMembers',
  'guardduty:DeletePublishingDestination',
  'guardduty:DeleteThreatEntitySet',
  'guardduty:DeleteThreatIntelSet',
  'guardduty:DisableOrganizationAdminAccount',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DisassociateMembers',
  'guardduty:StopMonitoringMembers',
  'guardduty:UpdateDetector',
  'guardduty:UpdateFilter',
  'guardduty:UpdateIPSet',
  'guardduty:UpdateMemberDetectors',
  'guardduty:UpdateOrganizationConfiguration',
  'guardduty:UpdatePublishingDestination',
  'guardduty:UpdateTrustedEntitySet',
  'securityhub:BatchDeleteAutomationRules',
  'securityhub:BatchDisableStandards',
  'securityhub:BatchUpdateAutomationRules',
  'securityhub:BatchUpdateFindings',
  'securityhub:BatchUpdateStandardsControlAssociations',
  'securityhub:CreateAutomationRule',
  'securityhub:CreateAutomationRuleV2',
  'securityhub:DeleteConfigurationPolicy',
  'securityhub:DeleteFindingAggregator',
  'securityhub:DeleteMembers',
  'securityhub:DisableImportFindingsForProduct',
  'securityhub:DisableOrganizationAdminAccount',
  'securityhub:DisableSecurityHub',
  'securityhub:DisableSecurityHubFeatureV2',
  'securityhub:DisableSecurityHubV2',
  'securityhub:DisassociateFromAdministratorAccount',
  'securityhub:DisassociateFromMasterAccount',
  'securityhub:DisassociateMembers',
  'securityhub:StartConfigurationPolicyDisassociation',
  'securityhub:UpdateAutomationRuleV2',
  'securityhub:UpdateConfigurationPolicy',
  'securityhub:UpdateFindings',
  'securityhub:UpdateOrganizationConfiguration',
  'securityhub:UpdateStandardsControl',
  'access-analyzer:ApplyArchiveRule',
  'access-analyzer:CreateArchiveRule',
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:UpdateAnalyzer',
  'access-analyzer:UpdateArchiveRule',
  'access-analyzer:UpdateFindings',
  'detective:DeleteGraph',
  'detective:DeleteMembers',
  'detective:DisableOrganizationAdminAccount',
  'detective:DisassociateMembership',
  'macie2:CreateAllowList',
  'macie2:CreateFindingsFilter',
  'macie2:DeleteMember',
  'macie2:DisableMacie',
  'macie2:DisableOrganizationAdminAccount',
  'macie2:DisassociateFromAdministratorAccount',
  'macie2:DisassociateFromMasterAccount',
  'macie2:DisassociateMember',
  'macie2:UpdateAllowList',
  'macie2:UpdateClassificationJob',
  'macie2:UpdateFindingsFilter',
  'macie2:UpdateMacieSession',
  'macie2:UpdateMemberSession',
  'inspector2:CreateFilter',
  'inspector2:Disable',
  'inspector2:DisableDelegatedAdminAccount',
  'inspector2:DisassociateMember',
  'inspector2:UpdateFilter',
  'inspector2:UpdateOrganizationConfiguration',
  'securitylake:DeleteAwsLogSource',
  'securitylake:DeleteCustomLogSource',
  'securitylake:DeleteDataLake',
  'securitylake:DeleteDataLakeOrganizationConfiguration',
  'securitylake:DeregisterDataLakeDelegatedAdministrator',
  // Logs, flow logs, query logs, model-invocation logs and the alarms that watch them.
  'bedrock:DeleteModelInvocationLoggingConfiguration',
  'cloudwatch:DeleteAlarms',
  'cloudwatch:DisableAlarmActions',
  'ec2:DeleteFlowLogs',
  'logs:DeleteDelivery',
  'logs:DeleteDestination',
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'logs:DeleteSubscriptionFilter',
  'logs:PutRetentionPolicy',
  'route53resolver:DeleteResolverQueryLogConfig',
  'route53resolver:DisassociateResolverQueryLogConfig',
  'waf-regional:DeleteLoggingConfiguration',
  'waf:DeleteLoggingConfiguration',
  'wafv2:DeleteLoggingConfiguration',
];

// ---------------------------------------------------------------------------------------------
// credential-access

const CREDENTIAL_ACCESS = [
  // Secret values and decryption.
  'acm:ExportCertificate',
  'kms:Decrypt',
  'payment-cryptography:DecryptData',
  'payment-cryptography:ExportKey',
  'secretsmanager:BatchGetSecretValue',
  'secretsmanager:GetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameterHistory',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'states:RevealSecrets',
  'wafv2:GetDecryptedAPIKey',
  // New or reset credentials for an identity.
  'ds:ResetUserPassword',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'iam:UpdateLoginProfile',
  'iam:UploadSSHPublicKey',
  'sso-directory:UpdatePassword',
  'workmail:ResetPassword',
  // Temporary credentials that outlive, or step outside, the caller's own session.
  'datazone:GetDomainExecutionRoleCredentials',
  'datazone:GetEnvironmentCredentials',
  'datazone:GetIamPortalLoginUrl',
  'elasticmapreduce:GetClusterSessionCredentials',
  'emr-containers:GetManagedEndpointSessionCredentials',
  'sts:AssumeRoot',
  'sts:GetFederationToken',
  // Logins to databases, hosts and connections.
  'dsql:DbConnect',
  'dsql:DbConnectAdmin',
  'ec2:GetPasswordData',
  'events:RetrieveConnectionCredentials',
  'lightsail:DownloadDefaultKeyPair',
  'lightsail:GetInstanceAccessDetails',
  'lightsail:GetRelationalDatabaseMasterUserPassword',
  'pca-connector-scep:GetChallengePassword',
  'rds-db:connect',
  'redshift-serverless:GetCredentials',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  // Bearer tokens meant to be handed to tools outside AWS.
  'codeartifact:GetAuthorizationToken',
];

// ---------------------------------------------------------------------------------------------
// publish

const PUBLISH = [
  'chime:CreateMeetingDialOut',
  'chime:CreateSipMediaApplicationCall',
  'chime:SendChannelMessage',
  'connect-campaigns:PutDialRequestBatch',
  'connect-campaigns:PutOutboundRequestBatch',
  'connect-campaigns:PutProfileOutboundRequestBatch',
  'connect-campaigns:StartCampaign',
  'connect:SendOutboundChatMessage',
  'connect:SendOutboundEmail',
  'connect:SendOutboundWebNotification',
  'connect:StartOutboundChatContact',
  'connect:StartOutboundEmailContact',
  'connect:StartOutboundVoiceContact',
  'ivschat:SendEvent',
  'mobiletargeting:SendMessages',
  'mobiletargeting:SendOTPMessage',
  'mobiletargeting:SendUsersMessages',
  'ses:Send*',
  'sms-voice:Send*',
  'sns:Publish',
  'social-messaging:SendWhatsAppMessage',
  'ssm-contacts:StartEngagement',
];

// ---------------------------------------------------------------------------------------------

/** The capability table: one entry per capability, sorted by capability. */
export const CAPABILITY_DEFINITIONS = [
  {
    capability: 'audit-tamper',
    description:
      'Stop, delete, narrow or redirect the audit trail and security detectors: CloudTrail, Config, ' +
      'GuardDuty, Security Hub, Access Analyzer, Detective, Macie, Inspector, Security Lake, CloudWatch ' +
      'Logs, flow logs, DNS query logs, WAF logs and alarms; archive or suppress their findings.',
    actions: (catalog) => expandAll(catalog, AUDIT_TAMPER),
  },
  {
    capability: 'credential-access',
    description:
      'Read secret values, decrypted parameters and keys (kms:Decrypt), or obtain credentials: access ' +
      'keys, passwords, federation and root sessions, database logins.',
    actions: (catalog) => expandAll(catalog, CREDENTIAL_ACCESS),
  },
  {
    capability: 'data-delete',
    description:
      'Delete actions that destroy data or its backups: objects and buckets, tables and items, databases, ' +
      'volumes and snapshots, file systems, recovery points, archives, secrets, parameters, KMS keys, ' +
      'logs, streams, queues, caches, warehouses, search indexes, repositories, mailboxes; and expiry or ' +
      'retention settings that make the service delete data.',
    actions: (catalog) =>
      actionsOnDataResourceTypes(catalog)
        .intersect(capabilityActions(catalog, 'delete'))
        .union(expandAll(catalog, DATA_DELETE_ACTIONS)),
  },
  {
    capability: 'data-export',
    description:
      'Move data out of its account, Region or store: share or make public snapshots and images, copy ' +
      'them, export tables, logs, journals and mailboxes, configure replication, stream logs or mirror ' +
      'traffic elsewhere.',
    actions: (catalog) => expandAll(catalog, DATA_EXPORT),
  },
  {
    capability: 'delete',
    description:
      'Write actions that delete, terminate, purge, drop or destroy (in any service), other destructive ' +
      'actions such as kms:ScheduleKeyDeletion and dynamodb:BatchWriteItem, and expiry or retention ' +
      'settings; not policy removals (permissions-management), tag removals, message acknowledgements or ' +
      'session ends.',
    actions: (catalog) =>
      expandAll(catalog, DELETE_VERBS)
        .intersect(catalog.withAccessLevel('Write'))
        .minus(capabilityActions(catalog, 'permissions-management'))
        .union(expandAll(catalog, DELETE_ACTIONS))
        .union(expandAll(catalog, INDIRECT_DELETE_ACTIONS))
        .minus(expandAll(catalog, NOT_DELETES)),
  },
  {
    capability: 'iam-write',
    description:
      'Change identities and their access: Write and Permissions management actions of IAM, IAM Identity ' +
      'Center (sso, sso-directory, identitystore, identity-sync), Organizations and Roles Anywhere, tags ' +
      'on IAM principals and policies, root-email changes, identity-pool roles and console sign-in ' +
      'settings.',
    actions: (catalog) =>
      servicesActions(catalog, IDENTITY_SERVICES)
        .intersect(catalog.withAccessLevel('Write', 'Permissions management'))
        .union(catalog.serviceActions('iam').intersect(catalog.withAccessLevel('Tagging')))
        .union(expandAll(catalog, IDENTITY_ACTIONS))
        .minus(expandAll(catalog, NOT_IDENTITY_CHANGES)),
  },
  {
    capability: 'network-exposure',
    description:
      'Open a network path: security-group, network-ACL, route and internet-gateway changes, public ' +
      'addresses, block-public-access switches, peering, VPN and endpoint-service connections, public ' +
      'endpoints of managed services (Lambda function URLs, MSK public access), and network or web ' +
      'firewall rule changes.',
    actions: (catalog) => expandAll(catalog, NETWORK_EXPOSURE),
  },
  {
    capability: 'permissions-management',
    description:
      'Change who may access a resource: actions of access level Permissions management in any service ' +
      '(s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, iam:AttachRolePolicy …), resource ' +
      'policies and resource sharing the catalog files under Write; not the reads and data-plane calls ' +
      'filed under it.',
    actions: (catalog) =>
      catalog
        .withAccessLevel('Permissions management')
        .minus(expandAll(catalog, NOT_PERMISSION_CHANGES))
        .union(expandAll(catalog, PERMISSION_CHANGES)),
  },
  {
    capability: 'production',
    description:
      'Modify a production resource: every non-read action (access levels Write, Permissions management ' +
      'and Tagging). Rules apply it only to resources classified production.',
    actions: (catalog) => catalog.withAccessLevel(...NON_READ),
    resourceScoped: true,
  },
  {
    capability: 'publish',
    description:
      'Send messages or posts that leave the agent for people: SNS, SES email, Pinpoint and End User ' +
      'Messaging SMS and voice, WhatsApp, Chime, Connect outbound contacts and campaigns, IVS chat, ' +
      'on-call engagements.',
    actions: (catalog) => expandAll(catalog, PUBLISH),
  },
] satisfies readonly CapabilityDefinition[];

const cache = new WeakMap<Catalog, Map<Capability, ActionSet>>();

/** The actions of a capability, built once per catalog. */
export function capabilityActions(catalog: Catalog, capability: Capability): ActionSet {
  let sets = cache.get(catalog);
  if (!sets) {
    sets = new Map();
    cache.set(catalog, sets);
  }
  let set = sets.get(capability);
  if (!set) {
    set = definitionOf(capability).actions(catalog);
    sets.set(capability, set);
  }
  return set;
}

/**
 * The capabilities any of these actions belongs to, sorted. Resource-scoped capabilities
 * (production) are left out: whether an action modifies production depends on the resource.
 */
export function capabilitiesOf(catalog: Catalog, actions: ActionSet): Capability[] {
  return CAPABILITIES.filter(
    (c) => !isResourceScoped(c) && actions.intersects(capabilityActions(catalog, c)),
  );
}

/** True for capabilities that rules apply only to some resources (production). */
export function isResourceScoped(capability: Capability): boolean {
  return definitionOf(capability).resourceScoped === true;
}

function definitionOf(capability: Capability): CapabilityDefinition {
  const definition = CAPABILITY_DEFINITIONS.find((d) => d.capability === capability);
  if (!definition) throw new InternalError(`capability ${capability} has no entry in the capability table`);
  return definition;
}

/** The union of each pattern's expansion: exact names (`s3:DeleteBucket`) and globs (`ses:Send*`). */
function expandAll(catalog: Catalog, patterns: readonly string[]): ActionSet {
  return patterns.reduce((set, pattern) => set.union(catalog.expand(pattern)), catalog.none);
}

function servicesActions(catalog: Catalog, services: readonly string[]): ActionSet {
  return services.reduce((set, service) => set.union(catalog.serviceActions(service)), catalog.none);
}

/** Every action on one of the DATA_RESOURCE_TYPES. */
function actionsOnDataResourceTypes(catalog: Catalog): ActionSet {
  const wanted = new Set(
    DATA_RESOURCE_TYPES.flatMap(({ service, resourceTypes }) =>
      resourceTypes.map((type) => `${service}/${type.toLowerCase()}`),
    ),
  );
  return catalog.select((a) =>
    a.resourceTypes.some((type) => wanted.has(`${a.service}/${type.toLowerCase()}`)),
  );
}
