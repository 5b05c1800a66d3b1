import {
  distinctReferences,
  formatResourceBase,
  type InstanceKey,
  type ModuleStep,
  parseReference,
  type Reference,
} from './address.js';
import { asExpression, moduleCallOf, moduleConfigAt, resourceConfigOf } from './configuration.js';
import type { Instance } from './instances.js';
import type { RawConfigResource, RawPlan } from './plan-schema.js';
import { SENSITIVE } from './sensitive.js';
import { hasUnknown, isRecord } from './values.js';

/** What one reference in an expression stands for. */
export type Candidate =
  | { readonly kind: 'value'; readonly value: unknown }
  /** A resource instance whose attribute is unknown until apply (or that is referenced as a whole). */
  | { readonly kind: 'instance'; readonly instance: Instance; readonly attribute?: string }
  | { readonly kind: 'unresolved'; readonly reference: string };

/** An attribute of an instance: known, unknown but configured (resolved through the configuration), or computed by the provider. */
export type AttributeValue =
  | { readonly state: 'known'; readonly value: unknown }
  | { readonly state: 'configured'; readonly candidates: readonly Candidate[] }
  | { readonly state: 'computed' };

/** Where an expression is evaluated: a module instance, and the instance key for count.index / each.*. */
export interface Scope {
  readonly modules: readonly ModuleStep[];
  readonly key?: InstanceKey;
  readonly forEach?: unknown;
}

export interface Resolver {
  readonly instances: readonly Instance[];
  configOf(instance: Instance): RawConfigResource | undefined;
  scopeOf(instance: Instance): Scope;
  attribute(instance: Instance, name: string): AttributeValue;
  expression(expression: unknown, scope: Scope): readonly Candidate[];
}

const MAX_DEPTH = 16;

function isIteration(ref: Reference): boolean {
  return ref.kind === 'count.index' || ref.kind === 'each.key' || ref.kind === 'each.value';
}

/** `var.list[count.index]` shows as the references `var.list` and `count.index`: pick this instance's element. */
function pickElement(candidate: Candidate, key: InstanceKey | undefined): Candidate {
  if (candidate.kind !== 'value' || key === undefined) return candidate;
  const { value } = candidate;
  if (Array.isArray(value) && typeof key === 'number' && key < value.length)
    return { kind: 'value', value: value[key] };
  if (isRecord(value) && typeof key === 'string' && key in value) return { kind: 'value', value: value[key] };
  return candidate;
}

/** The instances a reference names: its own key, else the one instance, else the one with the referrer's key, else all. */
function pickInstances(
  instances: readonly Instance[],
  refKey: InstanceKey | undefined,
  scopeKey: InstanceKey | undefined,
): readonly Instance[] {
  if (refKey !== undefined) return instances.filter((instance) => instance.at.key === refKey);
  if (instances.length <= 1) return instances;
  const same = instances.filter((instance) => instance.at.key === scopeKey);
  return scopeKey !== undefined && same.length > 0 ? same : instances;
}

/**
 * Resolves references in one world. Only the "after" world consults the configuration: there,
 * values unknown until apply are found by following `expressions.<attr>.references`.
 */
export function createResolver(
  plan: RawPlan,
  instances: readonly Instance[],
  useConfiguration: boolean,
): Resolver {
  const root = plan.configuration?.root_module;
  const byBase = new Map<string, Instance[]>();
  for (const instance of instances) {
    const base = formatResourceBase(
      instance.at.modules,
      instance.at.mode,
      instance.at.type,
      instance.at.name,
    );
    byBase.set(base, [...(byBase.get(base) ?? []), instance]);
  }

  const configOf = (instance: Instance) => resourceConfigOf(root, instance.at);

  const scopeOf = (instance: Instance): Scope => ({
    modules: instance.at.modules,
    ...(instance.at.key === undefined ? {} : { key: instance.at.key }),
    forEach: configOf(instance)?.for_each_expression,
  });

  function attribute(instance: Instance, name: string): AttributeValue {
    const value = instance.values[name];
    const mark = isRecord(instance.unknown) ? instance.unknown[name] : undefined;
    if (value !== undefined && !hasUnknown(mark)) return { state: 'known', value };
    const expression = useConfiguration ? configOf(instance)?.expressions?.[name] : undefined;
    if (expression === undefined) return { state: 'computed' };
    const candidates = evaluate(expression, scopeOf(instance), 0);
    const partial: Candidate[] = value === undefined || value === null ? [] : [{ kind: 'value', value }];
    return { state: 'configured', candidates: [...partial, ...candidates] };
  }

  function evaluate(expression: unknown, scope: Scope, depth: number): Candidate[] {
    const parsed = asExpression(expression);
    if (parsed === undefined) return [{ kind: 'unresolved', reference: 'an expression with no references' }];
    if (parsed.constant_value !== undefined) return [{ kind: 'value', value: parsed.constant_value }];
    const refs = distinctReferences(parsed.references ?? []).map((text) => ({
      text,
      ref: parseReference(text),
    }));
    const targets = refs.filter(({ ref }) => !isIteration(ref));
    const iterations = refs.filter(({ ref }) => isIteration(ref));
    if (targets.length === 0) {
      return iterations.length === 0
        ? [{ kind: 'unresolved', reference: 'an expression with no references' }]
        : iterations.map(({ text, ref }) => iterationValue(text, ref, scope, depth));
    }
    const candidates = targets.flatMap(({ text, ref }) => reference(text, ref, scope, depth + 1));
    return iterations.length === 0
      ? candidates
      : candidates.map((candidate) => pickElement(candidate, scope.key));
  }

  function reference(text: string, ref: Reference, scope: Scope, depth: number): Candidate[] {
    if (depth > MAX_DEPTH) return [{ kind: 'unresolved', reference: text }];
    switch (ref.kind) {
      case 'var':
        return variable(ref.name, scope, depth);
      case 'module-output': {
        const modules = [...scope.modules, ref.module];
        const output =
          ref.output === undefined ? undefined : moduleConfigAt(root, modules)?.outputs?.[ref.output];
        if (output?.sensitive === true) return [{ kind: 'value', value: SENSITIVE }];
        if (output?.expression === undefined) return [{ kind: 'unresolved', reference: text }];
        return evaluate(output.expression, { modules }, depth);
      }
      case 'resource': {
        const base = formatResourceBase(scope.modules, ref.mode, ref.type, ref.name);
        const chosen = pickInstances(byBase.get(base) ?? [], ref.key, scope.key);
        if (chosen.length === 0) return [{ kind: 'unresolved', reference: text }];
        return chosen.map((instance): Candidate => {
          if (ref.attribute === undefined) return { kind: 'instance', instance };
          const value = attribute(instance, ref.attribute);
          return value.state === 'known'
            ? { kind: 'value', value: value.value }
            : { kind: 'instance', instance, attribute: ref.attribute };
        });
      }
      case 'count.index':
      case 'each.key':
      case 'each.value':
        return [iterationValue(text, ref, scope, depth)];
      case 'other':
        return [{ kind: 'unresolved', reference: text }];
    }
  }

  function variable(name: string, scope: Scope, depth: number): Candidate[] {
    const declared = moduleConfigAt(root, scope.modules)?.variables?.[name];
    if (declared?.sensitive === true) return [{ kind: 'value', value: SENSITIVE }];
    const last = scope.modules.at(-1);
    if (last === undefined) {
      const given = plan.variables?.[name]?.value;
      if (given !== undefined) return [{ kind: 'value', value: given }];
    } else {
      const call = moduleCallOf(root, scope.modules);
      const expression = call?.expressions?.[name];
      if (expression !== undefined) {
        const parent: Scope = {
          modules: scope.modules.slice(0, -1),
          ...(last.key === undefined ? {} : { key: last.key }),
          forEach: call?.for_each_expression,
        };
        return evaluate(expression, parent, depth);
      }
    }
    return declared?.default === undefined
      ? [{ kind: 'unresolved', reference: `var.${name}` }]
      : [{ kind: 'value', value: declared.default }];
  }

  function iterationValue(text: string, ref: Reference, scope: Scope, depth: number): Candidate {
    const { key } = scope;
    if (ref.kind === 'count.index' && typeof key === 'number') return { kind: 'value', value: key };
    if (ref.kind === 'each.key' && typeof key === 'string') return { kind: 'value', value: key };
    if (ref.kind === 'each.value' && typeof key === 'string' && scope.forEach !== undefined) {
      const [collection] = evaluate(scope.forEach, { modules: scope.modules }, depth + 1);
      if (collection?.kind === 'value' && isRecord(collection.value) && key in collection.value) {
        return { kind: 'value', value: collection.value[key] };
      }
      // for_each over a set: each.value is the element, which is also the key
      if (collection?.kind === 'value' && Array.isArray(collection.value))
        return { kind: 'value', value: key };
    }
    return { kind: 'unresolved', reference: text };
  }

  return { instances, configOf, scopeOf, attribute, expression: (e, scope) => evaluate(e, scope, 0) };
}

/** The strings a candidate value holds (a string, or the strings of a list); sensitive values excluded. */
export function stringsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.filter(
    (item): item is string => typeof item === 'string' && item !== '' && item !== SENSITIVE,
  );
}
