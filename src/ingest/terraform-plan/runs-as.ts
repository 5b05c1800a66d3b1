import type { Resource } from '../../model/resource.js';
import { asBlocks } from './configuration.js';
import type { Instance } from './instances.js';
import { type AttributeValue, stringsOf } from './references.js';
import { hasUnknown, isRecord } from './values.js';
import type { WorldContext } from './world.js';

/** An attribute naming the roles code on a resource runs with, directly or through instance profiles. */
interface RoleSource {
  readonly names: 'role' | 'instance-profile';
  readonly attribute: string;
  /** The nested block holding the attribute; its first block is read. */
  readonly block?: string;
}

const role = (attribute: string): RoleSource => ({ names: 'role', attribute });

const RUNS_AS_SOURCES: ReadonlyMap<string, readonly RoleSource[]> = new Map(
  Object.entries({
    aws_lambda_function: [role('role')],
    // `role` on the resource, `role_arn` on the data source.
    aws_iam_instance_profile: [role('role'), role('role_arn')],
    aws_instance: [{ names: 'instance-profile', attribute: 'iam_instance_profile' }],
    aws_launch_template: [
      { names: 'instance-profile', block: 'iam_instance_profile', attribute: 'arn' },
      { names: 'instance-profile', block: 'iam_instance_profile', attribute: 'name' },
    ],
    aws_glue_dev_endpoint: [role('role_arn')],
    aws_glue_job: [role('role_arn')],
    aws_sagemaker_notebook_instance: [role('role_arn')],
    aws_codebuild_project: [role('service_role')],
    aws_cloudformation_stack: [role('iam_role_arn')],
    aws_ecs_task_definition: [role('task_role_arn'), role('execution_role_arn')],
    aws_sfn_state_machine: [role('role_arn')],
  } satisfies Readonly<Record<string, readonly RoleSource[]>>),
);

const TARGET_TYPE = { role: 'aws_iam_role', 'instance-profile': 'aws_iam_instance_profile' } as const;

/** What an attribute names: names or ARNs as text, and the instances it refers to whose values are unknown. */
interface Named {
  readonly texts: readonly string[];
  readonly instances: readonly Instance[];
}

/**
 * The world's resources, each with the role ARNs code on it runs with (Resource.runsAs). A role named
 * by name gets the ARN of the plan's role (or role data source) of that name, else the one it would
 * have at path `/`; an instance profile's roles are read from the plan's profile.
 */
export function withRunsAs(world: WorldContext): Resource[] {
  const instances = world.resolver.instances;
  const byAddress = new Map(instances.map((instance) => [instance.address, instance]));
  const found = new Map<string, readonly string[]>();

  function runsAsOf(instance: Instance): readonly string[] {
    const cached = found.get(instance.address);
    if (cached !== undefined) return cached;
    const roles = (RUNS_AS_SOURCES.get(instance.at.type) ?? []).flatMap((source) => {
      const named = namedBy(instance, source);
      return source.names === 'role' ? roleArns(named) : profileRoles(instance, source, named);
    });
    const unique = [...new Set(roles)];
    found.set(instance.address, unique);
    return unique;
  }

  function labelOf(source: RoleSource): string {
    return source.block === undefined ? source.attribute : `${source.block}[0].${source.attribute}`;
  }

  function attributeValue(instance: Instance, source: RoleSource): AttributeValue {
    const { attribute, block } = source;
    if (block === undefined) return world.resolver.attribute(instance, attribute);
    const blocks = instance.values[block];
    const first: unknown = Array.isArray(blocks) ? blocks[0] : undefined;
    const marks = isRecord(instance.unknown) ? instance.unknown[block] : undefined;
    const mark: unknown = Array.isArray(marks) ? marks[0] : marks;
    const unknown = mark === true || (isRecord(mark) && hasUnknown(mark[attribute]));
    if (!unknown)
      return isRecord(first) ? { state: 'known', value: first[attribute] } : { state: 'computed' };
    const expression = asBlocks(world.resolver.configOf(instance)?.expressions?.[block])[0]?.[attribute];
    if (expression === undefined) return { state: 'computed' };
    return {
      state: 'configured',
      candidates: world.resolver.expression(expression, world.resolver.scopeOf(instance)),
    };
  }

  /** What an attribute names; a value unknown until apply that the configuration does not lead to is reported. */
  function namedBy(instance: Instance, source: RoleSource): Named {
    const value = attributeValue(instance, source);
    if (value.state === 'known') return { texts: stringsOf(value.value), instances: [] };
    if (value.state === 'computed') return { texts: [], instances: [] };
    const texts: string[] = [];
    const referred: Instance[] = [];
    const missing: string[] = [];
    for (const candidate of value.candidates) {
      if (candidate.kind === 'value') texts.push(...stringsOf(candidate.value));
      else if (candidate.kind === 'unresolved') missing.push(candidate.reference);
      else if (candidate.instance.at.type === TARGET_TYPE[source.names]) referred.push(candidate.instance);
      else missing.push(candidate.instance.address);
    }
    if (missing.length > 0 || texts.length + referred.length === 0) {
      const detail = missing.length === 0 ? '' : ` and depends on ${missing.join(', ')}`;
      world.report(
        'plan.unresolved',
        `${instance.address}: ${labelOf(source)} is unknown until apply${detail}`,
        instance,
      );
    }
    return { texts, instances: referred };
  }

  function roleArns({ texts, instances: roles }: Named): string[] {
    return [...texts.map(roleArnOf), ...roles.map((instance) => world.identityOf(instance).arn)];
  }

  function roleArnOf(nameOrArn: string): string {
    if (nameOrArn.startsWith('arn:')) return nameOrArn;
    const declared = instancesOf('aws_iam_role').find(
      (instance) => world.identityOf(instance).name === nameOrArn,
    );
    if (declared !== undefined) return world.identityOf(declared).arn;
    return `arn:${world.plan.partition}:iam::${world.plan.accountId}:role/${nameOrArn}`;
  }

  function profileRoles(
    referrer: Instance,
    source: RoleSource,
    { texts, instances: profiles }: Named,
  ): string[] {
    const byText = texts.flatMap((text) => {
      const profile = instancesOf('aws_iam_instance_profile').find((instance) => {
        const identity = world.identityOf(instance);
        return identity.name === text || identity.arn === text;
      });
      if (profile !== undefined) return [profile];
      world.report(
        'plan.instance-profile-not-in-inputs',
        `${referrer.address}: ${labelOf(source)} names instance profile "${text}", which the plan does not define; the roles it runs as are unknown`,
        referrer,
      );
      return [];
    });
    return [...byText, ...profiles].flatMap(runsAsOf);
  }

  function instancesOf(type: string): Instance[] {
    return instances.filter((instance) => instance.at.type === type);
  }

  return [...world.resources.values()].map((resource) => {
    const instance = resource.address === undefined ? undefined : byAddress.get(resource.address);
    const runsAs = instance === undefined ? [] : runsAsOf(instance);
    return runsAs.length === 0 ? resource : { ...resource, runsAs };
  });
}
