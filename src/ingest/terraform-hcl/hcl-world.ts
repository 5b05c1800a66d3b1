import { join, relative } from 'node:path';
import { UNKNOWN_ACCOUNT_ID } from '../../model/inventory.js';
import type { InstanceKey, ModuleStep } from '../terraform-plan/address.js';
import { formatModules } from '../terraform-plan/address.js';
import { identifyResource } from '../terraform-plan/arn-synthesis.js';
import { applySteps, Evaluator, entriesOf, stepText } from './evaluate.js';
import { type Expr, HclSyntaxError, parseTemplate } from './expression.js';
import {
  type BlockRef,
  collectDefinition,
  isPlainObject,
  type ModuleDefinition,
  type ResourceBlock,
} from './module-definition.js';
import { type HclTree, isLocalSource } from './read-hcl-tree.js';
import type { EvalScope, Step } from './scope.js';
import {
  fromJson,
  type HclObject,
  type HclValue,
  isHclList,
  isHclObject,
  isUnknown,
  mergeUnknowns,
  Unknown,
  unknownReason,
} from './values.js';

/*
 * The HCL tree evaluated statically: module instances (expanded by count and for_each), their
 * resource instances, and every attribute's value, with an Unknown wherever a value cannot be known
 * without a plan. Values are computed on demand and memoised, so references between resources,
 * locals and modules resolve in whatever order they are declared.
 */

/** Where one instance's count.index / each.* come from. */
export interface Iteration {
  readonly key?: InstanceKey;
  readonly eachValue?: HclValue;
  /** The count or for_each could not be resolved: its index and values are unknown. */
  readonly unresolved?: Unknown;
}

/** Something the static read could not resolve, reported on the block it belongs to. */
export interface Unresolved {
  readonly address: string;
  readonly message: string;
  readonly location: { readonly file: string; readonly line: number };
}

export interface WorldSettings {
  readonly account?: string;
  readonly region?: string;
  readonly partition: string;
}

/** Meta-arguments and nested meta-blocks that are not attributes of the resource. */
const META = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
]);

const parsed = new Map<string, Expr | HclSyntaxError>();

/** A template string from hcl2json, parsed once however often it appears. */
function parseCached(text: string): Expr | HclSyntaxError {
  let expr = parsed.get(text);
  if (expr === undefined) {
    try {
      expr = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof HclSyntaxError)) throw error;
      expr = error;
    }
    parsed.set(text, expr);
  }
  return expr;
}

function keyText(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** `aws_iam_role.x["k"].arn`: a reference the plan reader resolves, relative to its module. */
function referenceText(local: string, key: InstanceKey | undefined, attribute: string | undefined): string {
  return `${local}${keyText(key)}${attribute === undefined ? '' : `.${attribute}`}`;
}

/** An Unknown seen from another scope: it now stands for one reference there (reasons kept when asked). */
function reroot(value: HclValue, reference: string, keepReasons: boolean): HclValue {
  if (!isUnknown(value)) return value;
  return new Unknown([reference], keepReasons ? value.reasons : []);
}

export class HclWorld {
  readonly definitions = new Map<string, ModuleDefinition>();
  readonly unresolved: Unresolved[] = [];
  readonly root: ModuleInstance;
  private readonly rootVariables = new Map<string, HclValue>();

  constructor(
    readonly tree: HclTree,
    readonly settings: WorldSettings,
  ) {
    for (const [dir, module] of tree.modules) this.definitions.set(dir, collectDefinition(dir, module.files));
    for (const file of tree.variableFiles)
      for (const [name, value] of Object.entries(file.values)) this.rootVariables.set(name, fromJson(value));
    const rootDefinition = this.definitions.get(tree.root);
    if (rootDefinition === undefined) throw new Error('the root module was not read');
    this.root = new ModuleInstance(this, rootDefinition, [], undefined);
  }

  rootVariable(name: string): HclValue | undefined {
    return this.rootVariables.get(name);
  }

  report(address: string, message: string, block: BlockRef): void {
    this.unresolved.push({ address, message, location: { file: block.file, line: block.line } });
  }

  /** Every module instance, the root first, depth first in call name order. */
  moduleInstances(): ModuleInstance[] {
    const out: ModuleInstance[] = [];
    const visit = (module: ModuleInstance) => {
      out.push(module);
      for (const name of [...module.definition.moduleCalls.keys()].sort()) {
        const child = module.child(name);
        if (child.kind === 'instances') for (const instance of child.instances) visit(instance);
      }
    };
    visit(this.root);
    return out;
  }
}

type ChildModules =
  | { readonly kind: 'instances'; readonly keyed: boolean; readonly instances: readonly ModuleInstance[] }
  | { readonly kind: 'absent'; readonly reason: string };

interface Expansion<T> {
  readonly keyed: 'count' | 'for_each' | 'none';
  readonly items: readonly { readonly iteration: Iteration; readonly item: T }[];
}

export class ModuleInstance {
  private readonly variables = new Map<string, HclValue>();
  private readonly locals = new Map<string, { value: HclValue; notes: readonly string[] }>();
  private readonly inProgress = new Set<string>();
  private readonly expansions = new Map<string, Expansion<ResourceInstance>>();
  private readonly children = new Map<string, ChildModules>();
  readonly address: string;

  constructor(
    readonly world: HclWorld,
    readonly definition: ModuleDefinition,
    readonly steps: readonly ModuleStep[],
    readonly call:
      | { readonly parent: ModuleInstance; readonly block: BlockRef; readonly iteration: Iteration }
      | undefined,
  ) {
    this.address = formatModules(steps);
  }

  /** path.module: the module's directory relative to the root, as Terraform gives it. */
  get pathModule(): string {
    return relative(this.world.tree.root, this.definition.dir) || '.';
  }

  scope(iteration: Iteration, notes: string[]): EvalScope {
    return {
      resolve: (root, steps) => this.resolve(root, steps, iteration, notes),
      readText: (path) => this.world.tree.readText(path),
      note: (message) => notes.push(message),
    };
  }

  /** A value from hcl2json (a literal, a template string, a list or a map of them) evaluated here. */
  evaluateRaw(
    raw: unknown,
    iteration: Iteration,
    notes: string[],
    locals: ReadonlyMap<string, HclValue> = new Map(),
  ): HclValue {
    if (typeof raw === 'string') {
      const expr = parseCached(raw);
      if (expr instanceof HclSyntaxError)
        return unknownReason(`an expression this reader cannot parse (${expr.message})`);
      return new Evaluator(this.scope(iteration, notes)).evaluate(expr, locals);
    }
    if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return raw;
    if (Array.isArray(raw)) return raw.map((item) => this.evaluateRaw(item, iteration, notes, locals));
    if (isPlainObject(raw)) return this.evaluateBody(raw, iteration, notes, locals, false);
    return null;
  }

  /** A block body or an object: every member evaluated, `dynamic` blocks expanded. */
  evaluateBody(
    body: Readonly<Record<string, unknown>>,
    iteration: Iteration,
    notes: string[],
    locals: ReadonlyMap<string, HclValue>,
    skipMeta: boolean,
  ): HclObject {
    const out: Record<string, HclValue> = {};
    for (const [name, raw] of Object.entries(body)) {
      if (skipMeta && META.has(name)) continue;
      if (name === 'dynamic' && isPlainObject(raw)) {
        for (const [label, blocks] of Object.entries(raw)) {
          const expanded = this.expandDynamic(label, blocks, iteration, notes, locals);
          const existing = out[label];
          out[label] = [...(isHclList(existing) ? existing : []), ...expanded];
        }
        continue;
      }
      const value = this.evaluateRaw(raw, iteration, notes, locals);
      const existing = out[name];
      out[name] = isHclList(existing) && isHclList(value) ? [...existing, ...value] : value;
    }
    return out;
  }

  private expandDynamic(
    label: string,
    blocks: unknown,
    iteration: Iteration,
    notes: string[],
    locals: ReadonlyMap<string, HclValue>,
  ): HclValue[] {
    const out: HclValue[] = [];
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isPlainObject(block)) continue;
      const iterator = typeof block.iterator === 'string' ? block.iterator : label;
      const collection = this.evaluateRaw(block.for_each, iteration, notes, locals);
      const entries = entriesOf(collection);
      const contents = Array.isArray(block.content) ? block.content : [block.content];
      if (isUnknown(entries)) {
        out.push(mergeUnknowns([entries]));
        continue;
      }
      for (const [key, value] of entries) {
        const inner = new Map(locals);
        inner.set(iterator, { key, value });
        for (const content of contents) {
          if (isPlainObject(content)) out.push(this.evaluateBody(content, iteration, notes, inner, false));
        }
      }
    }
    return out;
  }

  private resolve(root: string, steps: readonly Step[], iteration: Iteration, notes: string[]): HclValue {
    const [first, ...rest] = steps;
    const name = first?.kind === 'attr' ? first.name : undefined;
    switch (root) {
      case 'var':
        return name === undefined
          ? unknownReason('var without a name')
          : applySteps(this.variable(name), rest);
      case 'local': {
        if (name === undefined) return unknownReason('local without a name');
        const local = this.local(name);
        notes.push(...local.notes);
        return applySteps(local.value, rest);
      }
      case 'count':
        if (iteration.unresolved !== undefined) return iteration.unresolved;
        return typeof iteration.key === 'number' && name === 'index'
          ? iteration.key
          : unknownReason('count.index outside a counted block');
      case 'each':
        if (iteration.unresolved !== undefined) return iteration.unresolved;
        if (typeof iteration.key !== 'string') return unknownReason('each outside a for_each block');
        if (name === 'key') return applySteps(iteration.key, rest);
        if (name === 'value') return applySteps(iteration.eachValue ?? iteration.key, rest);
        return unknownReason(`each.${name ?? ''}`);
      case 'path':
        return name === 'module' ? this.pathModule : '.';
      case 'terraform':
        return name === 'workspace' ? 'default' : unknownReason(`terraform.${name ?? ''}`);
      case 'self':
        return new Unknown([], ['self is known only to provisioners']);
      case 'module':
        return name === undefined ? unknownReason('module without a name') : this.moduleReference(name, rest);
      case 'data': {
        const [typeStep, nameStep, ...more] = steps;
        if (typeStep?.kind !== 'attr' || nameStep?.kind !== 'attr')
          return unknownReason('an incomplete data reference');
        return this.resourceReference(`data.${typeStep.name}.${nameStep.name}`, more);
      }
      default:
        if (name === undefined) return unknownReason(`"${root}" is not a name this reader knows`);
        return this.resourceReference(`${root}.${name}`, rest);
    }
  }

  variable(name: string): HclValue {
    const cached = this.variables.get(name);
    if (cached !== undefined) return cached;
    const value = this.readVariable(name);
    this.variables.set(name, value);
    return value;
  }

  private readVariable(name: string): HclValue {
    const declared = this.definition.variables.get(name);
    const reference = `var.${name}`;
    // a sensitive value stays unknown here; the plan reader masks what it stands for
    if (declared?.body.sensitive === true) return new Unknown([reference]);
    let given: HclValue | undefined;
    if (this.call === undefined) given = this.world.rootVariable(name);
    else if (name in this.call.block.body) {
      const { parent, block, iteration } = this.call;
      given = reroot(parent.evaluateRaw(block.body[name], iteration, []), reference, true);
    }
    if (given !== undefined) return given;
    if (declared !== undefined && 'default' in declared.body)
      return reroot(this.evaluateRaw(declared.body.default, {}, []), reference, true);
    return new Unknown([reference], [`${reference} has no value (no default, tfvars or -var-file sets it)`]);
  }

  local(name: string): { value: HclValue; notes: readonly string[] } {
    const cached = this.locals.get(name);
    if (cached !== undefined) return cached;
    const declared = this.definition.locals.get(name);
    if (declared === undefined) return { value: unknownReason(`local.${name} is not declared`), notes: [] };
    const key = `local.${name}`;
    if (this.inProgress.has(key))
      return { value: unknownReason(`local.${name} refers to itself`), notes: [] };
    this.inProgress.add(key);
    const notes: string[] = [];
    const value = this.evaluateRaw(declared.raw, {}, notes);
    this.inProgress.delete(key);
    const result = { value, notes };
    this.locals.set(name, result);
    return result;
  }

  output(name: string): HclValue {
    const block = this.definition.outputs.get(name);
    if (block === undefined) return unknownReason(`output ${name} is not declared`);
    const key = `output.${name}`;
    if (this.inProgress.has(key)) return unknownReason(`output ${name} refers to itself`);
    this.inProgress.add(key);
    const value = this.evaluateRaw(block.body.value, {}, []);
    this.inProgress.delete(key);
    return value;
  }

  /** The instances of a `count` or `for_each` block, or the one instance of a block with neither. */
  private expand<T>(label: string, block: BlockRef, make: (iteration: Iteration) => T): Expansion<T> {
    const body = block.body;
    if ('count' in body) {
      const count = this.evaluateRaw(body.count, {}, []);
      if (typeof count === 'number') {
        return {
          keyed: 'count',
          items: Array.from({ length: count }, (_, key) => ({ iteration: { key }, item: make({ key }) })),
        };
      }
      const unresolved = isUnknown(count) ? count : unknownReason('a count that is not a number');
      this.world.report(
        label,
        `${label}: count cannot be resolved without a plan (${unresolved.describe()}); read as one instance`,
        block,
      );
      return { keyed: 'none', items: [{ iteration: { unresolved }, item: make({ unresolved }) }] };
    }
    if ('for_each' in body) {
      const collection = this.evaluateRaw(body.for_each, {}, []);
      const items = forEachItems(collection);
      if (!isUnknown(items)) {
        return {
          keyed: 'for_each',
          items: items.map(([key, eachValue]) => {
            const iteration = { key, eachValue };
            return { iteration, item: make(iteration) };
          }),
        };
      }
      this.world.report(
        label,
        `${label}: for_each cannot be resolved without a plan (${items.describe()}); read as one instance`,
        block,
      );
      return {
        keyed: 'none',
        items: [{ iteration: { unresolved: items }, item: make({ unresolved: items }) }],
      };
    }
    return { keyed: 'none', items: [{ iteration: {}, item: make({}) }] };
  }

  resourceInstances(local: string): Expansion<ResourceInstance> | undefined {
    const cached = this.expansions.get(local);
    if (cached !== undefined) return cached;
    const block = this.definition.resources.get(local);
    if (block === undefined) return undefined;
    const address = this.address === '' ? local : `${this.address}.${local}`;
    const expansion = this.expand(
      address,
      block.block,
      (iteration) => new ResourceInstance(this, block, iteration),
    );
    this.expansions.set(local, expansion);
    return expansion;
  }

  child(name: string): ChildModules {
    const cached = this.children.get(name);
    if (cached !== undefined) return cached;
    const result = this.readChild(name);
    this.children.set(name, result);
    return result;
  }

  private readChild(name: string): ChildModules {
    const block = this.definition.moduleCalls.get(name);
    if (block === undefined) return { kind: 'absent', reason: `module.${name} is not declared` };
    const label = this.address === '' ? `module.${name}` : `${this.address}.module.${name}`;
    const source = block.body.source;
    if (typeof source !== 'string' || !isLocalSource(source)) {
      const reason = `${label}: source ${JSON.stringify(source)} is not a local directory, so its resources are not read`;
      this.world.report(label, reason, block);
      return { kind: 'absent', reason };
    }
    const definition = this.world.definitions.get(join(this.definition.dir, source));
    if (definition === undefined) {
      const reason = `${label}: the directory ${source} cannot be read, so its resources are not read`;
      this.world.report(label, reason, block);
      return { kind: 'absent', reason };
    }
    const expansion = this.expand(label, block, (iteration) => {
      const step: ModuleStep = iteration.key === undefined ? { name } : { name, key: iteration.key };
      return new ModuleInstance(this.world, definition, [...this.steps, step], {
        parent: this,
        block,
        iteration,
      });
    });
    return {
      kind: 'instances',
      keyed: expansion.keyed !== 'none',
      instances: expansion.items.map((i) => i.item),
    };
  }

  private moduleReference(name: string, steps: readonly Step[]): HclValue {
    const child = this.child(name);
    if (child.kind === 'absent') {
      const [output] = steps;
      return new Unknown(
        [`module.${name}${output?.kind === 'attr' ? `.${output.name}` : ''}`],
        [child.reason],
      );
    }
    const [first, ...rest] = steps;
    const pick = (instance: ModuleInstance, outputSteps: readonly Step[]): HclValue => {
      const [output, ...more] = outputSteps;
      if (output?.kind !== 'attr') return this.moduleObject(instance);
      const key = instance.steps.at(-1)?.key;
      return applySteps(
        reroot(instance.output(output.name), `module.${name}${keyText(key)}.${output.name}`, true),
        more,
      );
    };
    if (!child.keyed) {
      const [only] = child.instances;
      return only === undefined ? unknownReason(`module.${name} has no instance`) : pick(only, steps);
    }
    if (first?.kind === 'index') {
      const instance = child.instances.find((i) => i.steps.at(-1)?.key === first.key);
      return instance === undefined
        ? unknownReason(`module.${name}${stepText(first)} has no instance`)
        : pick(instance, rest);
    }
    return applySteps(
      child.instances.map((instance) => this.moduleObject(instance)),
      steps,
    );
  }

  private moduleObject(instance: ModuleInstance): HclObject {
    return Object.fromEntries(
      [...instance.definition.outputs.keys()].map((output) => [output, instance.output(output)]),
    );
  }

  private resourceReference(local: string, steps: readonly Step[]): HclValue {
    const expansion = this.resourceInstances(local);
    if (expansion === undefined) return unknownReason(`${local} is not declared in this module`);
    const [first, ...rest] = steps;
    if (expansion.keyed === 'none') {
      const [only] = expansion.items;
      return only === undefined ? unknownReason(`${local} has no instance`) : only.item.reference(steps);
    }
    if (first?.kind === 'index') {
      const found = expansion.items.find(
        ({ iteration }) => iteration.key === first.key || String(iteration.key) === String(first.key),
      );
      return found === undefined
        ? unknownReason(`${local}${stepText(first)} has no instance`)
        : found.item.reference(rest);
    }
    const whole =
      expansion.keyed === 'count'
        ? expansion.items.map(({ item }) => item.object())
        : Object.fromEntries(
            expansion.items.map(({ iteration, item }) => [String(iteration.key), item.object()]),
          );
    return applySteps(whole, steps);
  }

  /** The region of a provider configuration (`aws`, `aws.west`), from this module up to the root. */
  providerRegion(key: string): string | undefined {
    const block = this.definition.providers.get(key);
    if (block !== undefined) {
      const region = this.evaluateRaw(block.body.region, {}, []);
      if (typeof region === 'string') return region;
    }
    return this.call?.parent.providerRegion(key) ?? (key === 'aws' ? this.world.settings.region : undefined);
  }

  /** The provider's `default_tags { tags = {...} }`, as far as they are known, from this module up to the root. */
  providerDefaultTags(key: string): HclObject {
    const block = this.definition.providers.get(key);
    if (block === undefined) return this.call?.parent.providerDefaultTags(key) ?? {};
    const defaults = this.evaluateRaw(block.body.default_tags, {}, []);
    const [first] = isHclList(defaults) ? defaults : [defaults];
    const tags = isHclObject(first) ? first.tags : undefined;
    return isHclObject(tags) ? tags : {};
  }
}

function forEachItems(collection: HclValue): [string, HclValue][] | Unknown {
  if (isUnknown(collection)) return collection;
  if (isHclObject(collection))
    return Object.keys(collection)
      .sort()
      .map((key) => [key, collection[key] ?? null]);
  if (isHclList(collection)) {
    if (collection.some(isUnknown)) return mergeUnknowns(collection);
    const keys = collection.filter((item): item is string => typeof item === 'string');
    if (keys.length !== collection.length)
      return unknownReason('for_each over a list that is not of strings');
    return [...new Set(keys)].sort().map((key) => [key, key]);
  }
  return unknownReason('for_each over a value that is not a map or set');
}

/** Attributes a provider computes that can be known statically from the configuration. */
const COMPUTED_ID_IS_NAME = new Set([
  'aws_iam_role',
  'aws_iam_user',
  'aws_iam_group',
  'aws_iam_instance_profile',
]);

export class ResourceInstance {
  readonly address: string;
  readonly key: InstanceKey | undefined;
  private readonly attributes = new Map<string, { value: HclValue; notes: readonly string[] }>();
  private readonly inProgress = new Set<string>();

  constructor(
    readonly module: ModuleInstance,
    readonly resource: ResourceBlock,
    readonly iteration: Iteration,
  ) {
    this.key = iteration.key;
    const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
    this.address = `${module.address === '' ? '' : `${module.address}.`}${local}${keyText(iteration.key)}`;
  }

  get local(): string {
    return `${this.resource.mode === 'data' ? 'data.' : ''}${this.resource.type}.${this.resource.name}`;
  }

  /** The provider configuration this block uses: `aws`, or `aws.alias` from `provider = aws.alias`. */
  get providerKey(): string {
    const provider = this.resource.block.body.provider;
    const match =
      typeof provider === 'string' ? /^\$\{([\w-]+\.[\w-]+)\}$|^([\w-]+\.[\w-]+)$/.exec(provider) : null;
    return match?.[1] ?? match?.[2] ?? this.resource.type.split('_')[0] ?? 'aws';
  }

  get region(): string | undefined {
    return this.module.providerRegion(this.providerKey);
  }

  /** One attribute's value and the approximations made evaluating it. */
  attribute(name: string): { value: HclValue; notes: readonly string[] } {
    const cached = this.attributes.get(name);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(name))
      return { value: unknownReason(`${this.address}.${name} refers to itself`), notes: [] };
    this.inProgress.add(name);
    const notes: string[] = [];
    const body = this.resource.block.body;
    const value =
      name in body && !META.has(name)
        ? (this.module.evaluateBody({ [name]: body[name] }, this.iteration, notes, new Map(), true)[name] ??
          null)
        : this.computed(name);
    this.inProgress.delete(name);
    const result = { value, notes };
    this.attributes.set(name, result);
    return result;
  }

  /** Every attribute and nested block the configuration sets (meta-arguments left out). */
  values(): { values: HclObject; notes: ReadonlyMap<string, readonly string[]> } {
    const values: Record<string, HclValue> = {};
    const notes = new Map<string, readonly string[]>();
    const body = this.resource.block.body;
    const names = Object.keys(body).filter((name) => !META.has(name));
    for (const name of names) {
      if (name === 'dynamic') {
        const expanded = this.module.evaluateBody(
          { dynamic: body.dynamic },
          this.iteration,
          [],
          new Map(),
          true,
        );
        for (const [label, blocks] of Object.entries(expanded)) {
          const existing = values[label];
          values[label] = [...(isHclList(existing) ? existing : []), ...(isHclList(blocks) ? blocks : [])];
        }
        continue;
      }
      const { value, notes: found } = this.attribute(name);
      const existing = values[name];
      values[name] = isHclList(existing) && isHclList(value) ? [...value, ...existing] : value;
      if (found.length > 0) notes.set(name, found);
    }
    return { values, notes };
  }

  /** The value a reference to this instance gives: an attribute (then its steps), or the whole object. */
  reference(steps: readonly Step[]): HclValue {
    const [first, ...rest] = steps;
    if (first?.kind !== 'attr') return applySteps(this.object(), steps);
    const text = referenceText(this.local, this.key, first.name);
    // a data source's value is read from AWS during a plan: without one it stays unresolved, and says why
    const keepReasons = this.resource.mode === 'data';
    return applySteps(reroot(this.attribute(first.name).value, text, keepReasons), rest);
  }

  /** The instance as a value: what its configuration sets, and the ARN and id when they can be known. */
  object(): HclObject {
    const out: Record<string, HclValue> = {};
    for (const name of Object.keys(this.resource.block.body)) {
      if (META.has(name) || name === 'dynamic') continue;
      out[name] = reroot(this.attribute(name).value, referenceText(this.local, this.key, name), false);
    }
    for (const name of ['arn', 'id', 'name']) {
      if (!(name in out))
        out[name] = reroot(this.attribute(name).value, referenceText(this.local, this.key, name), false);
    }
    return out;
  }

  private text(name: string): string | undefined {
    const { value } = this.attribute(name);
    return typeof value === 'string' ? value : undefined;
  }

  /** What the provider would compute, where the configuration alone tells it. */
  private computed(name: string): HclValue {
    const { mode, type } = this.resource;
    const settings = this.module.world.settings;
    const computedUnknown = new Unknown([]);
    if (mode === 'data') {
      const fromAws = new Unknown([], [`${this.address}.${name} is read from AWS during a plan`]);
      if (type === 'aws_caller_identity' && name === 'account_id') return settings.account ?? fromAws;
      if (type === 'aws_region' && (name === 'name' || name === 'region' || name === 'id'))
        return this.region ?? fromAws;
      if (type === 'aws_partition' && name === 'partition') return settings.partition;
      if (type === 'aws_partition' && name === 'dns_suffix') return 'amazonaws.com';
      // the plan reader rebuilds a policy document's json from its statement blocks
      if (type === 'aws_iam_policy_document') return computedUnknown;
      return fromAws;
    }
    if (name === 'arn') {
      const identity = identifyResource(type, {
        partition: settings.partition,
        account: settings.account ?? UNKNOWN_ACCOUNT_ID,
        region: this.region ?? settings.region ?? 'us-east-1',
        address: this.address,
        attribute: (attribute) => (attribute === 'arn' ? undefined : this.text(attribute)),
      });
      return identity.arn.startsWith('arn:terraform:') || identity.arn.includes(this.address)
        ? computedUnknown
        : identity.arn;
    }
    if (name === 'id') {
      if (COMPUTED_ID_IS_NAME.has(type)) return this.text('name') ?? computedUnknown;
      if (type === 'aws_iam_policy') return this.attribute('arn').value;
      if (type === 'aws_s3_bucket') return this.text('bucket') ?? computedUnknown;
    }
    return computedUnknown;
  }
}
