import { type InstanceAddress, parseInstanceAddress } from './address.js';
import type { RawPlan, RawStateModule, RawStateResource } from './plan-schema.js';

/** One resource instance as it is in one world (before or after the plan), with its values already masked. */
export interface Instance {
  readonly address: string;
  readonly at: InstanceAddress;
  readonly values: Readonly<Record<string, unknown>>;
  /** Terraform's `after_unknown` tree; undefined where every present value is known. */
  readonly unknown: unknown;
  /** JSON path of the entry in the plan, e.g. `resource_changes[3]`. */
  readonly path: string;
}

export interface Worlds {
  readonly before: readonly Instance[];
  readonly after: readonly Instance[];
  /** Entries whose address cannot be read, by JSON path. */
  readonly unreadable: readonly { readonly address: string; readonly path: string }[];
}

interface Entry {
  readonly address: string;
  readonly values: Readonly<Record<string, unknown>>;
  readonly unknown?: unknown;
  readonly path: string;
}

function* stateEntries(module: RawStateModule | undefined, path: string): Generator<Entry> {
  if (module === undefined) return;
  for (const [index, resource] of (module.resources ?? []).entries()) {
    yield stateEntry(resource, module.address, `${path}.resources[${index}]`);
  }
  for (const [index, child] of (module.child_modules ?? []).entries()) {
    yield* stateEntries(child, `${path}.child_modules[${index}]`);
  }
}

/** Terraform 0.12 wrote child module resources with module-relative addresses; this makes them whole. */
function stateEntry(resource: RawStateResource, moduleAddress: string | undefined, path: string): Entry {
  const prefix = moduleAddress === undefined || moduleAddress === '' ? '' : `${moduleAddress}.`;
  const address = resource.address.startsWith(prefix) ? resource.address : `${prefix}${resource.address}`;
  return { address, values: resource.values ?? {}, path };
}

/**
 * Splits a (masked) plan into the instances that exist before it and after it. `resource_changes` says
 * what changes; instances found only in `prior_state` (data sources, older plans) exist in both worlds,
 * and instances found only in `planned_values` exist after.
 */
export function collectWorlds(plan: RawPlan): Worlds {
  const before: Entry[] = [];
  const after: Entry[] = [];
  const changed = new Set<string>();
  for (const [index, rc] of (plan.resource_changes ?? []).entries()) {
    const path = `resource_changes[${index}]`;
    if (rc.deposed !== undefined) continue; // an older object of a replaced instance; its change is listed on its own
    changed.add(rc.address);
    if (rc.change.before) before.push({ address: rc.address, values: rc.change.before, path });
    if (rc.change.after)
      after.push({ address: rc.address, values: rc.change.after, unknown: rc.change.after_unknown, path });
  }
  const prior = [...stateEntries(plan.prior_state?.values?.root_module, 'prior_state.values.root_module')];
  const priorOnly = prior.filter((entry) => !changed.has(entry.address));
  before.push(...priorOnly);
  after.push(...priorOnly);
  const known = new Set([...changed, ...prior.map((entry) => entry.address)]);
  for (const entry of stateEntries(plan.planned_values?.root_module, 'planned_values.root_module')) {
    if (!known.has(entry.address)) after.push(entry);
  }
  const unreadable: { address: string; path: string }[] = [];
  const toInstances = (entries: readonly Entry[]): Instance[] =>
    entries.flatMap((entry) => {
      const at = parseInstanceAddress(entry.address);
      if (at === undefined) {
        unreadable.push({ address: entry.address, path: entry.path });
        return [];
      }
      return [{ address: entry.address, at, values: entry.values, unknown: entry.unknown, path: entry.path }];
    });
  return { before: toInstances(before), after: toInstances(after), unreadable: dedupeByPath(unreadable) };
}

function dedupeByPath<T extends { readonly path: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.path, item])).values()];
}
