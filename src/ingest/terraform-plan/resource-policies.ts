import type { ConditionMap, Policy, PolicyDocument, Statement } from '../../model/policy.js';
import type { ResourcePolicy } from '../../model/resource.js';
import type { Instance } from './instances.js';
import type { PolicyReader } from './policy-documents.js';
import { stringsOf } from './references.js';
import type { WorldContext } from './world.js';

interface Place {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

type ToArn = (value: string, place: Place) => string;

interface ResourcePolicyRule {
  /** The attribute holding the policy document. */
  readonly policy: string;
  /** The attribute naming the guarded resource and how its value becomes an ARN; absent: the resource itself. */
  readonly target?: readonly [string, ToArn];
}

const asArn: ToArn = (value) => value;

const orArn =
  (build: (value: string, place: Place) => string): ToArn =>
  (value, place) =>
    value.startsWith('arn:') ? value : build(value, place);

const regionalArn = (service: string, prefix: string) =>
  orArn((value, p) => `arn:${p.partition}:${service}:${p.region}:${p.account}:${prefix}${value}`);

/** `https://sqs.eu-west-1.amazonaws.com/123456789012/jobs` -> `arn:aws:sqs:eu-west-1:123456789012:jobs`. */
export const queueUrlToArn: ToArn = orArn((value, place) => {
  const match = /^https?:\/\/([^/]+)\/(\d{12})\/([^/]+)$/.exec(value);
  if (match === null) return `arn:${place.partition}:sqs:${place.region}:${place.account}:${value}`;
  const [, host = '', account = '', name = ''] = match;
  const region = /^sqs\.([a-z0-9-]+)\./.exec(host)?.[1] ?? place.region;
  return `arn:${place.partition}:sqs:${region}:${account}:${name}`;
});

/** Resource-based policies by Terraform type. Types without `target` carry the policy on the resource itself. */
const RESOURCE_POLICY_TYPES: Readonly<Record<string, ResourcePolicyRule>> = {
  aws_s3_bucket_policy: {
    policy: 'policy',
    target: ['bucket', orArn((v, p) => `arn:${p.partition}:s3:::${v}`)],
  },
  aws_s3_bucket: { policy: 'policy' },
  aws_kms_key: { policy: 'policy' },
  aws_kms_key_policy: { policy: 'policy', target: ['key_id', regionalArn('kms', 'key/')] },
  aws_sqs_queue_policy: { policy: 'policy', target: ['queue_url', queueUrlToArn] },
  aws_sqs_queue: { policy: 'policy' },
  aws_sns_topic_policy: { policy: 'policy', target: ['arn', asArn] },
  aws_sns_topic: { policy: 'policy' },
  aws_secretsmanager_secret_policy: { policy: 'policy', target: ['secret_arn', asArn] },
  aws_secretsmanager_secret: { policy: 'policy' },
  aws_ecr_repository_policy: { policy: 'policy', target: ['repository', regionalArn('ecr', 'repository/')] },
  aws_backup_vault_policy: {
    policy: 'policy',
    target: ['backup_vault_name', regionalArn('backup', 'backup-vault:')],
  },
  aws_opensearch_domain_policy: {
    policy: 'access_policies',
    target: ['domain_name', regionalArn('es', 'domain/')],
  },
  aws_elasticsearch_domain_policy: {
    policy: 'access_policies',
    target: ['domain_name', regionalArn('es', 'domain/')],
  },
  aws_opensearch_domain: { policy: 'access_policies' },
  aws_elasticsearch_domain: { policy: 'access_policies' },
  aws_dynamodb_resource_policy: { policy: 'policy', target: ['resource_arn', asArn] },
  aws_kinesis_resource_policy: { policy: 'policy', target: ['resource_arn', asArn] },
};

/** The types whose policy documents this reader reads as resource-based policies. */
export const RESOURCE_POLICY_TYPE_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(RESOURCE_POLICY_TYPES),
  'aws_lambda_permission',
]);

function placeOf(world: WorldContext, instance: Instance): Place {
  const resource = world.resources.get(instance.address);
  return {
    partition: world.plan.partition,
    region: resource?.region ?? world.plan.region,
    account: resource?.accountId ?? world.plan.accountId,
  };
}

/** The ARNs an attribute names, after `toArn`; a referenced resource gives its own (possibly synthesised) ARN. */
function arnsIn(world: WorldContext, instance: Instance, attribute: string, toArn: ToArn): string[] {
  const place = placeOf(world, instance);
  const value = world.resolver.attribute(instance, attribute);
  if (value.state === 'known') return stringsOf(value.value).map((text) => toArn(text, place));
  const candidates = value.state === 'configured' ? value.candidates : [];
  const arns = candidates.flatMap((candidate) => {
    if (candidate.kind === 'value') return stringsOf(candidate.value).map((text) => toArn(text, place));
    return candidate.kind === 'instance' ? [world.identityOf(candidate.instance).arn] : [];
  });
  const missing = candidates.flatMap((candidate) =>
    candidate.kind === 'unresolved' ? [candidate.reference] : [],
  );
  if (arns.length === 0 || missing.length > 0) {
    const detail = missing.length === 0 ? '' : ` and depends on ${missing.join(', ')}`;
    world.report(
      'plan.unresolved',
      `${instance.address}: ${attribute} is unknown until apply${detail}`,
      instance,
    );
  }
  return arns;
}

function resourcePolicy(
  world: WorldContext,
  instance: Instance,
  resourceArn: string,
  id: string,
  document: PolicyDocument,
): ResourcePolicy {
  const policy: Policy = {
    id,
    name: instance.address,
    kind: 'resource',
    address: instance.address,
    document,
    source: world.sourceOf(instance),
  };
  return { resourceArn, policy };
}

/**
 * The one-statement policy AWS adds to a function for an aws_lambda_permission. Unknown parts widen it:
 * an unknown principal is everyone, an unknown action is `lambda:*`, an unknown source condition is left out.
 */
function lambdaPermission(world: WorldContext, instance: Instance): ResourcePolicy[] {
  const functionArns = arnsIn(world, instance, 'function_name', regionalArn('lambda', 'function:'));
  const qualifier = world.text(instance, 'qualifier');
  const approximations: string[] = [];
  const known = (attribute: string, widened: string): string => {
    const found = world.text(instance, attribute);
    if (found === undefined) approximations.push(`${attribute} is unknown, read as ${widened}`);
    return found ?? widened;
  };
  const principal = known('principal', '*');
  const action = known('action', 'lambda:*');
  const condition: Record<string, Record<string, readonly string[]>> = {};
  const conditions = [
    ['source_arn', 'ArnLike', 'aws:SourceArn'],
    ['source_account', 'StringEquals', 'aws:SourceAccount'],
    ['principal_org_id', 'StringEquals', 'aws:PrincipalOrgID'],
    ['function_url_auth_type', 'StringEquals', 'lambda:FunctionUrlAuthType'],
  ] as const;
  for (const [attribute, operator, key] of conditions) {
    const value = world.resolver.attribute(instance, attribute);
    if (value.state === 'known' && stringsOf(value.value).length > 0) {
      condition[operator] = { ...condition[operator], [key]: stringsOf(value.value) };
    } else if (value.state === 'configured') {
      approximations.push(`${attribute} is unknown, so its condition is left out`);
    }
  }
  for (const note of approximations)
    world.report('plan.approximated', `${instance.address}: ${note}`, instance);
  const sid = world.text(instance, 'statement_id');
  const principalType =
    principal === '*' || principal.startsWith('arn:') || /^\d{12}$/.test(principal) ? 'AWS' : 'Service';
  return functionArns.map((functionArn) => {
    const resource = qualifier === undefined ? functionArn : `${functionArn}:${qualifier}`;
    const statement: Statement = {
      index: 0,
      effect: 'Allow',
      ...(sid === undefined ? {} : { sid }),
      action: [action],
      resource: [resource],
      principal: { [principalType]: [principal] },
      ...(Object.keys(condition).length === 0 ? {} : { condition: condition satisfies ConditionMap }),
    };
    const id = `${resource}#permission/${sid ?? instance.address}`;
    return resourcePolicy(world, instance, resource, id, { version: '2012-10-17', statements: [statement] });
  });
}

/** Resource-based policies of one world. A policy resource replaces the same policy read from its resource's attribute. */
export function buildResourcePolicies(world: WorldContext, reader: PolicyReader): ResourcePolicy[] {
  const byId = new Map<string, ResourcePolicy>();
  const managed = world.resolver.instances.filter((instance) => instance.at.mode === 'managed');
  for (const instance of managed) {
    const rule = RESOURCE_POLICY_TYPES[instance.at.type];
    if (rule === undefined || rule.target !== undefined) continue;
    const document = reader.documentOf(instance, rule.policy, false);
    const arn = world.identityOf(instance).arn;
    const id = `${arn}#resource-policy`;
    if (document !== undefined) byId.set(id, resourcePolicy(world, instance, arn, id, document));
  }
  for (const instance of managed) {
    const rule = RESOURCE_POLICY_TYPES[instance.at.type];
    const found =
      instance.at.type === 'aws_lambda_permission'
        ? lambdaPermission(world, instance)
        : rule?.target === undefined
          ? []
          : dedicatedPolicies(world, reader, instance, rule.policy, rule.target);
    for (const policy of found) byId.set(policy.policy.id, policy);
  }
  return [...byId.values()];
}

function dedicatedPolicies(
  world: WorldContext,
  reader: PolicyReader,
  instance: Instance,
  attribute: string,
  [targetAttribute, toArn]: readonly [string, ToArn],
): ResourcePolicy[] {
  const arns = arnsIn(world, instance, targetAttribute, toArn);
  const document = arns.length === 0 ? undefined : reader.documentOf(instance, attribute, true);
  if (document === undefined) return [];
  return arns.map((arn) => resourcePolicy(world, instance, arn, `${arn}#resource-policy`, document));
}
