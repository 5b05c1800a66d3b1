import { type Diagnostic, diagnostic, type SourceLocation } from '../../model/source.js';
import { formatModules } from '../terraform-plan/address.js';
import type { HclWorld, ModuleInstance, ResourceInstance } from './hcl-world.js';
import {
  collectUnknowns,
  type HclObject,
  type HclValue,
  hasUnknownInside,
  isHclList,
  isHclObject,
  isUnknown,
  toJson,
} from './values.js';

/*
 * The evaluated HCL as the plan reader's own input: every resource instance a `create` (a data source
 * a `read`) whose `after` holds what is known and whose `after_unknown` marks the rest, and a
 * `configuration` whose expressions name the references of every unknown value, so the plan reader
 * resolves them (ARNs of resources, policy documents rebuilt from their blocks) as it does for a plan
 * that computes values at apply time.
 */

type Expression = { readonly constant_value: unknown } | { readonly references: readonly string[] };
type Expressions = Readonly<Record<string, unknown>>;

interface ConfigResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly provider_config_key: string;
  readonly instances: Expressions[];
}

interface ConfigModule {
  readonly resources: Map<string, ConfigResource>;
  readonly calls: Map<string, { source: string; instances: Expressions[]; module: ConfigModule }>;
  readonly variables: Record<string, { default?: unknown; sensitive?: boolean }>;
  readonly outputs: Record<string, Expressions[]>;
}

export interface HclPlan {
  /** A `terraform show -json`-shaped plan. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** The .tf block of each `resource_changes[i]`. */
  readonly paths: ReadonlyMap<string, SourceLocation>;
  /** The .tf block of each resource address, with and without its instance key. */
  readonly blocks: ReadonlyMap<string, SourceLocation>;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: { readonly resources: number; readonly dataSources: number };
}

function emptyModule(): ConfigModule {
  return { resources: new Map(), calls: new Map(), variables: {}, outputs: {} };
}

/** What is known of a value: unknown parts are null. */
function knownPart(value: HclValue): unknown {
  if (isUnknown(value)) return null;
  if (isHclList(value)) return value.map(knownPart);
  if (isHclObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, knownPart(v)]));
  return value;
}

/** Terraform's `after_unknown`: true where a value is unknown, false where it is known. */
function unknownMarks(value: HclValue): unknown {
  if (isUnknown(value)) return true;
  if (isHclList(value)) return value.map(unknownMarks);
  if (isHclObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unknownMarks(v)]));
  return false;
}

function isBlockList(value: HclValue): value is readonly HclObject[] {
  return isHclList(value) && value.length > 0 && value.every(isHclObject);
}

function expressionOf(value: HclValue): Expression {
  if (!hasUnknownInside(value)) return { constant_value: toJson(value) };
  return { references: [...new Set(collectUnknowns(value).flatMap((unknown) => unknown.references))] };
}

/** Configuration expressions of a body: nested blocks as lists of expression maps, as Terraform writes them. */
function expressionsOf(values: HclObject): Expressions {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      isBlockList(value) ? value.map(expressionsOf) : expressionOf(value),
    ]),
  );
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function referencesOf(expression: unknown): string[] | undefined {
  return isRecord(expression) && Array.isArray(expression.references)
    ? expression.references.filter((r): r is string => typeof r === 'string')
    : undefined;
}

/**
 * One block's expressions from those of all its instances: the first constant, or the references of
 * every instance when any is unknown (a count or for_each block has one configuration).
 */
function mergeExpressions(all: readonly Expressions[]): Expressions {
  const names = [...new Set(all.flatMap((expressions) => Object.keys(expressions)))];
  return Object.fromEntries(
    names.map((name) => {
      const values = all.map((expressions) => expressions[name]).filter((v) => v !== undefined);
      if (values.length > 0 && values.every(Array.isArray)) {
        const length = Math.max(...values.map((v) => (Array.isArray(v) ? v.length : 0)));
        return [
          name,
          Array.from({ length }, (_, index) =>
            mergeExpressions(values.map((v) => (Array.isArray(v) ? v[index] : undefined)).filter(isRecord)),
          ),
        ];
      }
      const references = values.flatMap((value) => referencesOf(value) ?? []);
      const anyUnknown = values.some((value) => referencesOf(value) !== undefined);
      return [name, anyUnknown ? { references: [...new Set(references)] } : values[0]];
    }),
  );
}

function configModuleAt(root: ConfigModule, module: ModuleInstance): ConfigModule {
  let current = root;
  let instance: ModuleInstance = module;
  const chain: ModuleInstance[] = [];
  while (instance.call !== undefined) {
    chain.unshift(instance);
    instance = instance.call.parent;
  }
  for (const step of chain) {
    const name = step.steps.at(-1)?.name ?? '';
    const source = step.call?.block.body.source;
    let call = current.calls.get(name);
    if (call === undefined) {
      call = { source: typeof source === 'string' ? source : '', instances: [], module: emptyModule() };
      current.calls.set(name, call);
    }
    current = call.module;
  }
  return current;
}

function toConfiguration(module: ConfigModule): Record<string, unknown> {
  return {
    resources: [...module.resources.values()].map(({ instances, ...resource }) => ({
      ...resource,
      expressions: mergeExpressions(instances),
    })),
    module_calls: Object.fromEntries(
      [...module.calls.entries()].map(([name, call]) => [
        name,
        {
          source: call.source,
          expressions: mergeExpressions(call.instances),
          module: toConfiguration(call.module),
        },
      ]),
    ),
    variables: module.variables,
    outputs: Object.fromEntries(
      Object.entries(module.outputs).map(([name, expressions]) => [
        name,
        { expression: mergeExpressions(expressions.map((e) => ({ value: e.value }))).value },
      ]),
    ),
  };
}

function describeUnknowns(value: HclValue): string[] {
  return [...new Set(collectUnknowns(value).flatMap((unknown) => unknown.reasons))];
}

/** The plan-shaped object, the location of every instance, and what could not be resolved. */
export function buildHclPlan(world: HclWorld): HclPlan {
  const root = emptyModule();
  const changes: Record<string, unknown>[] = [];
  const paths = new Map<string, SourceLocation>();
  const blocks = new Map<string, SourceLocation>();
  const diagnostics: Diagnostic[] = [];
  let resources = 0;
  let dataSources = 0;

  for (const module of world.moduleInstances()) {
    const config = configModuleAt(root, module);
    for (const [name, block] of module.definition.variables) {
      if (name in config.variables) continue;
      const sensitive = block.body.sensitive === true;
      const fallback = 'default' in block.body ? module.evaluateRaw(block.body.default, {}, []) : undefined;
      config.variables[name] = {
        ...(fallback === undefined || hasUnknownInside(fallback) ? {} : { default: toJson(fallback) }),
        ...(sensitive ? { sensitive } : {}),
      };
    }
    for (const name of module.definition.outputs.keys()) {
      config.outputs[name] = [...(config.outputs[name] ?? []), { value: expressionOf(module.output(name)) }];
    }
    if (module.call !== undefined) {
      const { parent, block, iteration } = module.call;
      const call = configModuleAt(root, parent).calls.get(module.steps.at(-1)?.name ?? '');
      const args = Object.fromEntries(
        Object.entries(block.body)
          .filter(
            ([arg]) => !['source', 'version', 'count', 'for_each', 'providers', 'depends_on'].includes(arg),
          )
          .map(([arg, raw]) => [arg, expressionOf(parent.evaluateRaw(raw, iteration, []))]),
      );
      call?.instances.push(args);
    }

    for (const local of [...module.definition.resources.keys()].sort()) {
      const expansion = module.resourceInstances(local);
      for (const { item } of expansion?.items ?? []) {
        const path = `resource_changes[${changes.length}]`;
        changes.push(resourceChange(item));
        const location = { file: item.resource.block.file, line: item.resource.block.line };
        paths.set(path, location);
        blocks.set(item.address, location);
        blocks.set(`${formatModules(module.steps)}${module.address === '' ? '' : '.'}${local}`, location);
        if (item.resource.mode === 'data') dataSources++;
        else resources++;
        const { values, notes } = item.values();
        const existing = config.resources.get(local);
        const entry = existing ?? {
          address: local,
          mode: item.resource.mode,
          type: item.resource.type,
          name: item.resource.name,
          provider_config_key: item.providerKey,
          instances: [],
        };
        entry.instances.push(expressionsOf(values));
        config.resources.set(local, entry);
        diagnostics.push(...instanceDiagnostics(item, values, notes));
      }
    }
  }
  for (const unresolved of world.unresolved) {
    diagnostics.push(diagnostic('hcl.unresolved', unresolved.message, unresolved.location));
  }

  const providers = Object.fromEntries(
    [...world.root.definition.providers.keys()].flatMap((key) => {
      const region = world.root.providerRegion(key);
      return region === undefined
        ? []
        : [[key, { name: key.split('.')[0], expressions: { region: { constant_value: region } } }]];
    }),
  );

  return {
    raw: {
      format_version: '1.2',
      resource_changes: changes,
      configuration: { provider_config: providers, root_module: toConfiguration(root) },
    },
    paths,
    blocks,
    diagnostics,
    stats: { resources, dataSources },
  };
}

function resourceChange(instance: ResourceInstance): Record<string, unknown> {
  const { values } = instance.values();
  const { mode, type, name } = instance.resource;
  const after: Record<string, HclValue> = { ...values };
  const computed = instance.resource.mode === 'data' ? computedDataValues(instance) : {};
  Object.assign(after, computed);
  const tagsAll = tagsWithDefaults(instance, values);
  if (tagsAll !== undefined) after.tags_all = tagsAll;
  const marks = unknownMarks(after);
  if (type === 'aws_iam_policy_document' && mode === 'data' && isRecord(marks)) {
    return change(instance, knownPart(after), { ...marks, json: true });
  }
  return change(instance, knownPart(after), marks);
  function change(i: ResourceInstance, known: unknown, unknown: unknown): Record<string, unknown> {
    return {
      address: i.address,
      ...(i.module.address === '' ? {} : { module_address: i.module.address }),
      mode,
      type,
      name,
      ...(i.key === undefined ? {} : { index: i.key }),
      change: {
        actions: [mode === 'data' ? 'read' : 'create'],
        before: null,
        after: known,
        after_unknown: unknown,
      },
    };
  }
}

/** Types that take tags, beyond those whose block sets `tags`: the provider's default tags reach them too. */
const TAGGABLE = new Set([
  'aws_iam_role',
  'aws_iam_user',
  'aws_iam_policy',
  'aws_s3_bucket',
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_dynamodb_table',
  'aws_lambda_function',
  'aws_kms_key',
  'aws_secretsmanager_secret',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_ecs_cluster',
  'aws_ecs_service',
  'aws_instance',
  'aws_elastic_beanstalk_environment',
  'aws_ecr_repository',
  'aws_cloudwatch_log_group',
]);

/** `tags_all` as the provider computes it: its `default_tags`, then the resource's own `tags`. */
function tagsWithDefaults(instance: ResourceInstance, values: HclObject): HclValue | undefined {
  const { mode, type } = instance.resource;
  if (mode !== 'managed' || !type.startsWith('aws_')) return undefined;
  const defaults = instance.module.providerDefaultTags(instance.providerKey);
  if (Object.keys(defaults).length === 0 || !('tags' in values || TAGGABLE.has(type))) return undefined;
  const own = values.tags;
  if (isUnknown(own)) return own;
  return { ...defaults, ...(isHclObject(own) ? own : {}) };
}

/** The values of data sources that the configuration alone tells (account, region, partition). */
function computedDataValues(instance: ResourceInstance): Record<string, HclValue> {
  const names: Readonly<Record<string, readonly string[]>> = {
    aws_caller_identity: ['account_id'],
    aws_region: ['name', 'region'],
    aws_partition: ['partition', 'dns_suffix'],
  };
  return Object.fromEntries(
    (names[instance.resource.type] ?? []).flatMap((name) => {
      const { value } = instance.attribute(name);
      return isUnknown(value) ? [] : [[name, value]];
    }),
  );
}

function instanceDiagnostics(
  instance: ResourceInstance,
  values: HclObject,
  notes: ReadonlyMap<string, readonly string[]>,
): Diagnostic[] {
  const location = { file: instance.resource.block.file, line: instance.resource.block.line };
  const out: Diagnostic[] = [];
  for (const [name, value] of Object.entries(values)) {
    const reasons = describeUnknowns(value);
    if (reasons.length > 0) {
      out.push(
        diagnostic(
          'hcl.unresolved',
          `${instance.address}: ${name} cannot be resolved without a plan: ${reasons.join('; ')}`,
          location,
        ),
      );
    }
  }
  for (const [name, found] of notes) {
    for (const note of new Set(found)) {
      out.push(diagnostic('hcl.approximated', `${instance.address}: ${name}: ${note}`, location));
    }
  }
  return out;
}
