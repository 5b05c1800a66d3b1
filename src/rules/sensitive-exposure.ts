import type { Analysis } from '../graph/analysis.js';
import type { Principal } from '../model/principal.js';
import type { Resource } from '../model/resource.js';
import type { Severity } from '../model/severity.js';
import type { Catalog } from '../policy/catalog.js';
import { resourceAndContents } from './agent-access.js';
import { uniqueStatements } from './evidence.js';
import { type Accessor, accessorsOf } from './resource-accessors.js';
import { defineRule, type RuleFinding } from './types.js';

export default defineRule({
  id: 'sensitive-exposure',
  title: 'Plan widens who can reach sensitive data',
  defaultSeverity: 'high',
  description:
    'After the plan more principals can read or write a resource of a data classification than before: a new ' +
    'bucket or key policy grant, a new role or user reaching it. Critical when the new reader or writer is ' +
    'everyone (`*`) or another account.',
  help:
    'Remove the grant the plan adds (the statements in the evidence), or narrow it to the principals that must ' +
    'read the data. For a resource policy, prefer naming roles over `*` and keep public access blocked.',
  check({ catalog, after, before }) {
    if (!before) return [];
    const declared = declaredData(after);
    let changes: WorldChanges | undefined;
    return after.inventory.resources.flatMap((resource) => {
      const classes = after.data.classesOf(resource);
      if (classes.length === 0) return [];
      changes ??= new WorldChanges(before, after);
      const widened = newAccessors(
        accessorsOf(catalog, after, resource, changes.changedAfter),
        accessorsOf(catalog, before, resource, changes.changedBefore),
      )
        .map((w) => withoutDeclared(w, classes, declared))
        .filter((w) => w.reads || w.writes);
      return widened.length === 0 ? [] : [exposureFinding(catalog, resource, classes, widened)];
    });
  },
});

/**
 * The principals the plan changes, in each world. One it leaves alone (the same principal and the
 * very same reach in both worlds, shared between them) has the same access to any resource before
 * and after, so it is never a new accessor and needs no judging.
 */
class WorldChanges {
  readonly changedBefore: readonly Principal[];
  readonly changedAfter: readonly Principal[];

  constructor(
    private readonly before: Analysis,
    private readonly after: Analysis,
  ) {
    this.changedBefore = before.inventory.principals.filter((p) => !this.isUnchanged(p.arn));
    this.changedAfter = after.inventory.principals.filter((p) => !this.isUnchanged(p.arn));
  }

  private isUnchanged(arn: string): boolean {
    const principal = this.after.index.principal(arn);
    return (
      principal !== undefined &&
      this.before.index.principal(arn) === principal &&
      this.before.index.reachOf(arn) === this.after.index.reachOf(arn)
    );
  }
}

interface DeclaredData {
  readonly read: Set<string>;
  readonly write: Set<string>;
}

/**
 * The data classes each principal's agent declares it reads and writes (for every principal the
 * agent reaches without escalating): that reach is declared, and data-violation judges it.
 */
function declaredData(after: Analysis): Map<string, DeclaredData> {
  const byPrincipal = new Map<string, DeclaredData>();
  for (const agent of after.agents) {
    for (const via of agent.principals.filter((p) => !p.escalated)) {
      const entry = byPrincipal.get(via.principal.arn) ?? {
        read: new Set<string>(),
        write: new Set<string>(),
      };
      for (const c of agent.agent.data.read) entry.read.add(c);
      for (const c of agent.agent.data.write) entry.write.add(c);
      byPrincipal.set(via.principal.arn, entry);
    }
  }
  return byPrincipal;
}

function withoutDeclared(
  w: Widening,
  classes: readonly string[],
  declared: ReadonlyMap<string, DeclaredData>,
): Widening {
  const own = w.accessor.kind === 'principal' ? declared.get(w.accessor.who) : undefined;
  if (!own) return w;
  return {
    ...w,
    reads: w.reads && !classes.every((c) => own.read.has(c)),
    writes: w.writes && !classes.every((c) => own.write.has(c)),
  };
}

interface Widening {
  readonly accessor: Accessor;
  readonly reads: boolean;
  readonly writes: boolean;
}

/** Accessors that can read, or write, what they could not before. */
function newAccessors(after: readonly Accessor[], before: readonly Accessor[]): Widening[] {
  const previous = new Map(before.map((a) => [`${a.kind}:${a.who}`, a]));
  return after.flatMap((accessor) => {
    const was = previous.get(`${accessor.kind}:${accessor.who}`);
    const reads = !accessor.read.isEmpty() && (was === undefined || was.read.isEmpty());
    const writes = !accessor.write.isEmpty() && (was === undefined || was.write.isEmpty());
    return reads || writes ? [{ accessor, reads, writes }] : [];
  });
}

function exposureFinding(
  catalog: Catalog,
  resource: Resource,
  classes: readonly string[],
  widened: readonly Widening[],
): RuleFinding {
  const outside = widened.filter((w) => w.accessor.kind === 'public' || w.accessor.kind === 'account');
  const severity: Severity | undefined = outside.some((w) => !w.accessor.conditional)
    ? 'critical'
    : undefined;
  const actions = widened.reduce(
    (acc, w) =>
      acc.union(w.reads ? w.accessor.read : catalog.none).union(w.writes ? w.accessor.write : catalog.none),
    catalog.none,
  );
  const who = widened.map(
    (w) =>
      `${describe(w.accessor)} can now ${verbs(w)}${w.accessor.conditional ? ' (under a condition)' : ''}`,
  );
  return {
    resource: resource.arn,
    ...(resource.address === undefined ? {} : { address: resource.address }),
    ...(severity ? { severity } : {}),
    title: `More principals can reach ${classes.join(', ')} data`,
    message: `${resource.name} (${classes.join(', ')}): ${who.join('; ')}.`,
    evidence: {
      actions: catalog.sortedNames(actions),
      resources: resourceAndContents(resource.arn),
      capabilities: [],
      path: [],
      statements: uniqueStatements(widened.flatMap((w) => w.accessor.statements)),
      conditions: widened.every((w) => w.accessor.conditional)
        ? ['every new grant holds only under a condition']
        : [],
    },
    location: resource.source,
    key: widened
      .map((w) => `${w.accessor.kind}:${w.accessor.who}:${w.reads ? 'r' : ''}${w.writes ? 'w' : ''}`)
      .sort(),
  };
}

function describe(accessor: Accessor): string {
  switch (accessor.kind) {
    case 'public':
      return 'everyone (*)';
    case 'account':
      return `account ${accessor.who}`;
    case 'service':
      return `the service ${accessor.who}`;
    default:
      return accessor.who;
  }
}

function verbs(w: Widening): string {
  return [w.reads ? 'read' : '', w.writes ? 'write' : ''].filter(Boolean).join(' and ');
}
