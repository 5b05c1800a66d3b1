import type { AccessLevel, CatalogAction, CatalogData } from '../model/catalog.js';
import { compareText } from '../model/order.js';
import { ActionSet } from './action-set.js';
import {
  type ArnParts,
  type ArnPattern,
  arnMatches,
  arnPatternCovers,
  arnPatternsIntersect,
  compileArnPattern,
  splitConcreteArn,
} from './arn-pattern.js';
import { compileGlob, type Glob, globMatches } from './glob.js';

/**
 * A resource type and one of its ARN formats. Its pattern and action set are built when first
 * asked for: a run touches a few dozen of the catalog's ~2,400 formats.
 */
class ResourceTypeEntry {
  private pattern?: ArnPattern;
  private set?: ActionSet;

  constructor(
    readonly service: string,
    readonly name: string,
    readonly arnFormat: string,
    /** Literal characters in the resource part: the more, the more specific the type. */
    readonly specificity: number,
    /** The indexes of its actions, ascending. */
    readonly actionIndexes: readonly number[],
    private readonly catalogSize: number,
  ) {}

  get format(): ArnPattern {
    this.pattern ??= compileArnPattern(this.arnFormat.replace(VARIABLE, '*'));
    return this.pattern;
  }

  get actions(): ActionSet {
    this.set ??= ActionSet.of(this.catalogSize, this.actionIndexes);
    return this.set;
  }
}

/** Name lists of at least this many actions are made once per distinct set and shared (frozen). */
export const SHARED_LIST_MIN = 64;
const SHARED_LIST_LIMIT = 1024;

const VARIABLE = /\$\{[^}]*\}/g;

export interface HomeAccount {
  readonly partition: string;
  readonly accountId: string;
}

interface ServiceRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The IAM action catalog indexed for set arithmetic: every action has a stable index (sorted by
 * service, then name), patterns expand to ActionSets, and resource types say which actions can
 * apply to a resource or an ARN pattern.
 */
export class Catalog {
  readonly version: string;
  readonly size: number;
  private readonly actions: readonly CatalogAction[];
  /** `service:action` lower-cased, by index: what Action patterns are matched against. */
  private readonly lowerNames: readonly string[];
  /** `service:Action` in AWS's casing, by index: built once, so every finding's evidence shares the strings. */
  private readonly displayNames: readonly string[];
  private readonly byName = new Map<string, number>();
  private readonly services = new Map<string, ServiceRange>();
  private readonly typesByFormatService = new Map<string, ResourceTypeEntry[]>();
  private readonly allTypes: ResourceTypeEntry[] = [];
  private readonly expandCache = new Map<string, ActionSet>();
  private readonly arnCache = new Map<string, ActionSet>();
  /** Long sorted name lists by set content: an estate's findings share a few, and renderers cache by the list. */
  private readonly sortedListCache = new Map<string, readonly string[]>();
  private readonly typeSetCache = new Map<string, ActionSet>();
  private readonly patternCache = new Map<string, ActionSet>();
  private readonly typesByAction = new Map<number, ResourceTypeEntry[]>();
  private readonly homePatternCache = new Map<string, ArnPattern>();
  readonly all: ActionSet;
  readonly none: ActionSet;
  /** Actions that support no resource-level permissions: they apply only to Resource `*`. */
  readonly wildcardOnly: ActionSet;

  constructor(data: CatalogData) {
    this.version = data.version;
    const keyed = data.actions.map((action) => ({ action, name: action.name.toLowerCase() }));
    keyed.sort((a, b) => compareText(a.action.service, b.action.service) || compareText(a.name, b.name));
    this.actions = keyed.map((k) => k.action);
    this.size = this.actions.length;
    this.displayNames = this.actions.map((a) => `${a.service}:${a.name}`);
    this.lowerNames = this.displayNames.map((name) => name.toLowerCase());
    this.all = ActionSet.full(this.size);
    this.none = ActionSet.empty(this.size);
    this.actions.forEach((action, i) => {
      this.byName.set(this.lowerNames[i] ?? '', i);
      const range = this.services.get(action.service);
      this.services.set(action.service, { from: range?.from ?? i, to: i + 1 });
    });
    this.wildcardOnly = this.select((a) => a.resourceTypes.length === 0);
    this.indexResourceTypes(data);
  }

  /** `service:Action` in AWS's casing. */
  actionName(index: number): string {
    return this.displayNames[index] ?? `#${index}`;
  }

  action(index: number): CatalogAction | undefined {
    return this.actions[index];
  }

  indexOf(action: string): number | undefined {
    return this.byName.get(action.toLowerCase());
  }

  serviceNames(): string[] {
    return [...this.services.keys()];
  }

  /** The services with some action in the set, in catalog order. */
  servicesOf(set: ActionSet): string[] {
    return [...this.services]
      .filter(([, range]) => set.intersectsRange(range.from, range.to))
      .map(([name]) => name);
  }

  hasService(service: string): boolean {
    return this.services.has(service.toLowerCase());
  }

  /** Every action of the service, or an empty set for an unknown service. */
  serviceActions(service: string): ActionSet {
    const range = this.services.get(service.toLowerCase());
    return range ? ActionSet.range(this.size, range.from, range.to) : ActionSet.empty(this.size);
  }

  /** Expands an Action/NotAction value (case-insensitive, `*` and `?` wildcards) to the actions it names. */
  expand(pattern: string): ActionSet {
    const key = pattern.toLowerCase();
    let set = this.expandCache.get(key);
    if (!set) {
      set = this.expandUncached(key);
      this.expandCache.set(key, set);
    }
    return set;
  }

  select(predicate: (action: CatalogAction, index: number) => boolean): ActionSet {
    const indexes: number[] = [];
    this.actions.forEach((a, i) => {
      if (predicate(a, i)) indexes.push(i);
    });
    return ActionSet.of(this.size, indexes);
  }

  withAccessLevel(...levels: AccessLevel[]): ActionSet {
    return this.select((a) => levels.includes(a.accessLevel));
  }

  names(set: ActionSet): string[] {
    return set.mapIndexes((i) => this.displayNames[i] ?? `#${i}`);
  }

  /**
   * The set's `service:Action` names sorted by code unit (as `names(set).sort()`), the first
   * `limit` of them: a large set is read off the catalog's own sorted order instead of sorted again.
   * A long whole list is the same frozen array for every set with the same actions.
   */
  sortedNames(set: ActionSet, limit = Number.POSITIVE_INFINITY): readonly string[] {
    const size = set.size();
    if (size < SHARED_LIST_MIN || limit < size) return this.sortedNamesUncached(set, size, limit);
    const key = set.contentKey();
    let names = this.sortedListCache.get(key);
    if (names === undefined) {
      names = Object.freeze(this.sortedNamesUncached(set, size, limit));
      if (this.sortedListCache.size >= SHARED_LIST_LIMIT) this.sortedListCache.clear();
      this.sortedListCache.set(key, names);
    }
    return names;
  }

  private sortedNamesUncached(set: ActionSet, size: number, limit: number): string[] {
    if (size * 16 < this.size) return this.names(set).sort().slice(0, limit);
    const out: string[] = [];
    for (const i of this.nameOrder()) {
      if (out.length >= limit) break;
      if (set.has(i)) out.push(this.displayNames[i] ?? `#${i}`);
    }
    return out;
  }

  private sortedOrder?: readonly number[];

  /** Action indexes in code-unit order of their names. */
  private nameOrder(): readonly number[] {
    this.sortedOrder ??= this.displayNames
      .map((_, i) => i)
      .sort((a, b) => compareText(this.displayNames[a] ?? '', this.displayNames[b] ?? ''));
    return this.sortedOrder;
  }

  /** Actions that can be requested on this concrete resource, judged by the most specific resource types its ARN matches. */
  actionsOnArn(arn: string): ActionSet {
    let set = this.arnCache.get(arn);
    if (!set) {
      set = this.actionsOnArnUncached(splitConcreteArn(arn));
      this.arnCache.set(arn, set);
    }
    return set;
  }

  /** Actions a statement with this Resource pattern can grant: `*` grants all; a specific pattern only actions on resource types it can match. */
  actionsOnPattern(pattern: ArnPattern): ActionSet {
    if (pattern.kind === 'any') return this.all;
    let set = this.patternCache.get(pattern.source);
    if (!set) {
      set = this.actionsOnPatternUncached(pattern);
      this.patternCache.set(pattern.source, set);
    }
    return set;
  }

  /**
   * The ARN patterns of the resource types an action applies to, in the home partition and account
   * (identity policies reach other accounts' resources only through their resource policies).
   */
  resourcePatternsOf(index: number, home: HomeAccount): ArnPattern[] {
    return (this.typesByAction.get(index) ?? []).map((t) => {
      const key = `${t.service}/${t.name}/${home.partition}/${home.accountId}`;
      let pattern = this.homePatternCache.get(key);
      if (!pattern) {
        const format = t.arnFormat.replace(/\$\{([^}]*)\}/g, (_, name: string) =>
          name === 'Partition' ? home.partition : name === 'Account' ? home.accountId : '*',
        );
        pattern = compileArnPattern(format);
        this.homePatternCache.set(key, pattern);
      }
      return pattern;
    });
  }

  private expandUncached(pattern: string): ActionSet {
    if (/^\*+$/.test(pattern)) return this.all;
    const glob = compileGlob(pattern);
    const colon = pattern.indexOf(':');
    const service = colon > 0 ? pattern.slice(0, colon) : undefined;
    const range = service && !/[*?]/.test(service) ? this.services.get(service) : undefined;
    if (service && !/[*?]/.test(service) && !range) return ActionSet.empty(this.size);
    const from = range?.from ?? 0;
    const to = range?.to ?? this.size;
    const wildcard = pattern.search(/[*?]/);
    if (range && wildcard === -1) {
      const index = this.byName.get(pattern);
      return index === undefined ? ActionSet.empty(this.size) : ActionSet.of(this.size, [index]);
    }
    if (range && wildcard === pattern.length - 1 && pattern.endsWith('*')) {
      // `service:Prefix*`: a service's names are sorted, so the prefix's actions are one run of them
      return ActionSet.range(this.size, ...this.prefixRun(pattern.slice(0, -1), range));
    }
    if (service === '*') return this.acrossServices(glob, pattern.slice(colon + 1));
    const indexes: number[] = [];
    for (let i = from; i < to; i++) {
      if (globMatches(glob, this.lowerNames[i] ?? '')) indexes.push(i);
    }
    return ActionSet.of(this.size, indexes);
  }

  /** Where the names starting with `prefix` (lower case) run in the range, which holds one service's sorted names. */
  private prefixRun(prefix: string, range: ServiceRange): [number, number] {
    let start = range.from;
    let end = range.to;
    while (start < end) {
      const mid = (start + end) >>> 1;
      if ((this.lowerNames[mid] ?? '') < prefix) start = mid + 1;
      else end = mid;
    }
    end = start;
    while (end < range.to && this.lowerNames[end]?.startsWith(prefix)) end++;
    return [start, end];
  }

  /**
   * `*:action` (lower case, compiled to `glob`): the leading `*` can only stand for a service, so in
   * each service only the run of names that start with the action's text before its first wildcard
   * is matched.
   */
  private acrossServices(glob: Glob, action: string): ActionSet {
    const wildcard = action.search(/[*?]/);
    const literal = wildcard === -1 ? action : action.slice(0, wildcard);
    const indexes: number[] = [];
    for (const [service, range] of this.services) {
      const [start, end] = this.prefixRun(`${service}:${literal}`, range);
      for (let i = start; i < end; i++) if (globMatches(glob, this.lowerNames[i] ?? '')) indexes.push(i);
    }
    return ActionSet.of(this.size, indexes);
  }

  private indexResourceTypes(data: CatalogData): void {
    const actionsByType = new Map<string, number[]>();
    this.actions.forEach((action, i) => {
      for (const type of action.resourceTypes) {
        const key = `${action.service}/${type.toLowerCase()}`;
        const list = actionsByType.get(key) ?? [];
        list.push(i);
        actionsByType.set(key, list);
      }
    });
    for (const type of data.resourceTypes) {
      // iam-data joins alternative formats of one type with a comma (lex bots, greengrass deployments).
      for (const arnFormat of type.arnFormat.split(/,\s*/)) {
        this.addResourceType(type.service, type.name, arnFormat, actionsByType);
      }
    }
  }

  private addResourceType(
    service: string,
    name: string,
    arnFormat: string,
    actionsByType: ReadonlyMap<string, readonly number[]>,
  ): void {
    const entry = new ResourceTypeEntry(
      service,
      name,
      arnFormat,
      literalLength(resourcePart(arnFormat)),
      actionsByType.get(`${service}/${name.toLowerCase()}`) ?? [],
      this.size,
    );
    this.allTypes.push(entry);
    for (const i of entry.actionIndexes) {
      const list = this.typesByAction.get(i) ?? [];
      list.push(entry);
      this.typesByAction.set(i, list);
    }
    const list = this.typesByFormatService.get(formatService(arnFormat)) ?? [];
    list.push(entry);
    this.typesByFormatService.set(formatService(arnFormat), list);
  }

  private actionsOnArnUncached(arn: ArnParts): ActionSet {
    const candidates = arn.head ? (this.typesByFormatService.get(arn.head[2] ?? '') ?? []) : [];
    const matching = candidates.filter((t) => arnMatches(t.format, arn));
    const best = Math.max(-1, ...matching.map((t) => t.specificity));
    const types = matching.filter((t) => t.specificity === best);
    const ordinaryRole = isOrdinaryRole(arn);
    // ARNs of the same resource types share one set, so callers can cache work per set
    const key = `${types.map((t) => `${t.service}:${t.name}`).join(' ')}${ordinaryRole ? ' ordinary' : ''}`;
    let set = this.typeSetCache.get(key);
    if (!set) {
      set = types.reduce((acc, t) => acc.union(t.actions), ActionSet.empty(this.size));
      if (ordinaryRole) set = set.minus(this.serviceLinkedRoleActions());
      this.typeSetCache.set(key, set);
    }
    return set;
  }

  /**
   * iam:CreateServiceLinkedRole and iam:DeleteServiceLinkedRole act only on service-linked roles
   * (path /aws-service-role/); IAM refuses them on any other role, whatever a policy allows.
   */
  private serviceLinkedRoleActions(): ActionSet {
    return ActionSet.of(
      this.size,
      SERVICE_LINKED_ROLE_ACTIONS.flatMap((name) => {
        const index = this.indexOf(name);
        return index === undefined ? [] : [index];
      }),
    );
  }

  private actionsOnPatternUncached(pattern: ArnPattern): ActionSet {
    const service = pattern.kind === 'arn' ? pattern.head[2] : undefined;
    const candidates =
      service && !service.hasWildcards
        ? (this.typesByFormatService.get(service.source) ?? [])
        : this.allTypes;
    const intersecting = candidates.filter((t) => arnPatternsIntersect(t.format, pattern));
    const types = intersecting.filter((t) => !isShadowedBucket(t, intersecting, pattern));
    // patterns over the same resource types share one set, so callers can cache work per set
    const key = `pattern ${types.map((t) => `${t.service}:${t.name}`).join(' ')}`;
    let set = this.typeSetCache.get(key);
    if (!set) {
      set = types.reduce((acc, t) => acc.union(t.actions), ActionSet.empty(this.size));
      this.typeSetCache.set(key, set);
    }
    return set;
  }
}

const SERVICE_LINKED_ROLE_ACTIONS = ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole'];

/** An IAM role that is not service-linked: `arn:aws:iam::111111111111:role/name`, not `role/aws-service-role/…`. */
function isOrdinaryRole(arn: ArnParts): boolean {
  if (arn.head?.[2] !== 'iam') return false;
  return arn.resource.startsWith('role/') && !arn.resource.startsWith('role/aws-service-role/');
}

/** The service segment of an ARN format, lower-cased, as its compiled pattern's head holds it ('' for no ARN). */
function formatService(format: string): string {
  if (format.slice(0, 4).toLowerCase() !== 'arn:') return '';
  return (format.replace(VARIABLE, '*').split(':')[2] ?? '*').toLowerCase();
}

function resourcePart(format: string): string {
  const parts = format.split(':');
  return parts.slice(5).join(':');
}

/** Characters of a format that are neither variables nor wildcards (iam-data writes some formats with `*`). */
function literalLength(text: string): number {
  return text.replace(/\$\{[^}]*\}|[*?]/g, '').length;
}

/**
 * A bucket-level action cannot apply to a pattern that only names objects (`arn:aws:s3:::b/*`):
 * bucket names never contain `/`. Elsewhere a less specific type is kept, because services do
 * evaluate actions against forms like `log-group:NAME:log-stream:` that also match a child type.
 */
function isShadowedBucket(
  type: ResourceTypeEntry,
  candidates: readonly ResourceTypeEntry[],
  pattern: ArnPattern,
): boolean {
  if (type.service !== 's3' || type.name !== 'bucket') return false;
  return candidates.some(
    (o) => o.service === 's3' && o.name === 'object' && arnPatternCovers(o.format, pattern),
  );
}
