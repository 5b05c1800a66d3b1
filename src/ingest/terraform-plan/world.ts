import type { Tags } from '../../model/principal.js';
import type { Resource } from '../../model/resource.js';
import {
  type Diagnostic,
  type DiagnosticCode,
  type DiagnosticSubject,
  diagnostic,
  type SourceLocation,
} from '../../model/source.js';
import { identifyResource, type ResourceIdentity } from './arn-synthesis.js';
import { providerRegion } from './configuration.js';
import type { Instance } from './instances.js';
import { type PlanContext, parseArnParts } from './plan-context.js';
import type { RawPlan } from './plan-schema.js';
import { createResolver, type Resolver, stringsOf } from './references.js';
import { isRecord } from './values.js';

/** Everything the builders of one world (before or after) share. */
export interface WorldContext {
  readonly file: string;
  readonly plan: PlanContext;
  readonly resolver: Resolver;
  /** Managed resources of this world, by address. */
  readonly resources: ReadonlyMap<string, Resource>;
  readonly identityOf: (instance: Instance) => ResourceIdentity;
  /** An attribute as text: its known value, or (after the plan) the value its references resolve to. */
  readonly text: (instance: Instance, attribute: string) => string | undefined;
  readonly report: (
    code: DiagnosticCode,
    message: string,
    instance: Instance,
    subject?: DiagnosticSubject,
  ) => void;
  /** Where an instance is shown to a reader: its plan entry, or the .tf block it was read from. */
  readonly sourceOf: (instance: Instance) => SourceLocation;
  readonly diagnostics: readonly Diagnostic[];
}

function valueAt(values: Readonly<Record<string, unknown>>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (isRecord(node) ? node[part] : undefined), values);
}

function tagsOf(instance: Instance): Tags {
  const source = isRecord(instance.values.tags_all) ? instance.values.tags_all : instance.values.tags;
  if (!isRecord(source)) return {};
  return Object.fromEntries(
    Object.entries(source).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function createWorldContext(
  raw: RawPlan,
  instances: readonly Instance[],
  plan: PlanContext,
  file: string,
  useConfiguration: boolean,
  locate?: (path: string) => SourceLocation | undefined,
): WorldContext {
  const sourceOf = (instance: Instance): SourceLocation =>
    locate?.(instance.path) ?? { file, path: instance.path };
  const resolver = createResolver(raw, instances, useConfiguration);
  const diagnostics: Diagnostic[] = [];
  const identities = new Map<string, ResourceIdentity>();
  const inProgress = new Set<string>();

  function text(instance: Instance, attribute: string): string | undefined {
    const [direct] = stringsOf(valueAt(instance.values, attribute));
    if (direct !== undefined || attribute.includes('.')) return direct;
    const value = resolver.attribute(instance, attribute);
    if (value.state !== 'configured') return undefined;
    for (const candidate of value.candidates) {
      if (candidate.kind === 'value') {
        const [found] = stringsOf(candidate.value);
        if (found !== undefined) return found;
      }
      if (candidate.kind === 'instance' && !inProgress.has(candidate.instance.address)) {
        const identity = identityOf(candidate.instance);
        return candidate.attribute === 'arn' ? identity.arn : identity.name;
      }
    }
    return undefined;
  }

  function identityOf(instance: Instance): ResourceIdentity {
    const cached = identities.get(instance.address);
    if (cached !== undefined) return cached;
    inProgress.add(instance.address);
    const identity = identifyResource(instance.at.type, {
      partition: plan.partition,
      account: plan.accountId,
      region: regionOf(instance) ?? plan.region,
      address: instance.address,
      attribute: (name) => text(instance, name),
    });
    inProgress.delete(instance.address);
    identities.set(instance.address, identity);
    return identity;
  }

  function regionOf(instance: Instance): string | undefined {
    const key = resolver.configOf(instance)?.provider_config_key;
    return key === undefined ? undefined : providerRegion(raw, key);
  }

  function toResource(instance: Instance): Resource {
    const identity = identityOf(instance);
    const parts = parseArnParts(identity.arn);
    const isAws = instance.at.type.startsWith('aws_');
    const isGlobal = instance.at.type.startsWith('aws_iam_');
    const region = parts?.region || (isAws && !isGlobal ? (regionOf(instance) ?? plan.region) : undefined);
    const accountId =
      parts?.account && /^\d{12}$/.test(parts.account) ? parts.account : isAws ? plan.accountId : undefined;
    return {
      ...identity,
      type: instance.at.type,
      address: instance.address,
      ...(accountId === undefined ? {} : { accountId }),
      ...(region === undefined ? {} : { region }),
      tags: tagsOf(instance),
      source: sourceOf(instance),
    };
  }

  const resources = new Map(
    instances
      .filter((instance) => instance.at.mode === 'managed')
      .map((instance) => [instance.address, toResource(instance)]),
  );

  return {
    file,
    plan,
    resolver,
    resources,
    identityOf,
    text,
    diagnostics,
    sourceOf,
    report: (code, message, instance, subject) =>
      diagnostics.push(diagnostic(code, message, sourceOf(instance), subject)),
  };
}
