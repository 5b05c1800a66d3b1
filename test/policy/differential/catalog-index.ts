import type { CatalogData } from '../../../src/model/catalog.js';

/** One catalog action with the ARN formats of its resource types, as the generator needs them. */
export interface GenAction {
  readonly service: string;
  readonly name: string;
  /** `service:Name` in AWS's casing. */
  readonly full: string;
  /** ARN formats of its resource types that the generator can instantiate; empty for wildcard-only actions. */
  readonly formats: readonly string[];
  /** True when the action has resource types at all (even ones the generator cannot instantiate). */
  readonly hasResourceTypes: boolean;
}

export interface GenCatalog {
  readonly actions: readonly GenAction[];
  readonly byService: ReadonlyMap<string, readonly GenAction[]>;
  readonly services: readonly string[];
  /** Every resource-type ARN format of each service (action prefix), instantiable or not. */
  readonly formatsByService: ReadonlyMap<string, readonly string[]>;
}

/** Formats whose partition, service, region and account segments the generator knows how to fill. */
const INSTANTIABLE = /^arn:\$\{Partition\}:[a-z0-9-]+:[^:]*:[^:]*:.+$/;

/**
 * Indexes the catalog for generation. Deliberately independent of src/policy/catalog.ts: the
 * generator must not inherit a bug of the engine under test.
 */
export function indexCatalog(data: CatalogData): GenCatalog {
  const formats = new Map<string, string[]>();
  const formatsByService = new Map<string, string[]>();
  for (const t of data.resourceTypes) {
    const pieces = splitJoinedFormat(t.arnFormat);
    formats.set(`${t.service}/${t.name.toLowerCase()}`, pieces);
    const list = formatsByService.get(t.service) ?? [];
    list.push(...pieces);
    formatsByService.set(t.service, list);
  }
  const actions: GenAction[] = [];
  const byService = new Map<string, GenAction[]>();
  const sorted = [...data.actions].sort((a, b) =>
    a.service === b.service ? compare(a.name, b.name) : compare(a.service, b.service),
  );
  for (const a of sorted) {
    const usable = a.resourceTypes
      .flatMap((name) => formats.get(`${a.service}/${name.toLowerCase()}`) ?? [])
      .filter((f) => INSTANTIABLE.test(f));
    const action: GenAction = {
      service: a.service,
      name: a.name,
      full: `${a.service}:${a.name}`,
      formats: usable,
      hasResourceTypes: a.resourceTypes.length > 0,
    };
    actions.push(action);
    const list = byService.get(a.service) ?? [];
    list.push(action);
    byService.set(a.service, list);
  }
  return { actions, byService, services: [...byService.keys()], formatsByService };
}

/**
 * True when the concrete ARN is a resource the action can be requested on: among all resource types
 * of the action's service that the ARN fits, the most specific ones (a type is more specific than
 * another when its literal text is longer and starts with the other's, the Service Authorization
 * Reference's own nesting, e.g. `table/${T}/stream/${S}` under `table/${T}`) include one of the
 * action's types. `arn:aws:dynamodb:…:table/t/stream/s` fits the table type's format too, but it
 * is a stream, and no one can call dynamodb:PartiQLSelect on a stream.
 */
export function isValidResourceFor(catalog: GenCatalog, action: GenAction, arn: string): boolean {
  const fitting = (catalog.formatsByService.get(action.service) ?? []).filter((f) => formatMatches(f, arn));
  const mostSpecific = fitting.filter(
    (f) => !fitting.some((other) => other !== f && isMoreSpecific(other, f)),
  );
  return mostSpecific.some((f) => action.formats.includes(f));
}

function isMoreSpecific(child: string, parent: string): boolean {
  const c = literalText(child);
  const p = literalText(parent);
  return c.length > p.length && c.startsWith(p);
}

function literalText(format: string): string {
  return format.replace(/\$\{[^}]*\}/g, '');
}

/** The `${Partition}` placeholder of catalog ARN formats. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal placeholder, not a template.
const PARTITION_VARIABLE = '${Partition}';

interface CompiledFormat {
  /** The format's literal text after the partition, up to its first variable or `*`. */
  readonly prefix: string;
  readonly regex: RegExp;
}

const compiledFormats = new Map<string, CompiledFormat>();

/**
 * Whether a concrete ARN fits a resource-type ARN format: a variable stands for one or more
 * characters, and a variable that is a whole segment (or the whole resource part) for characters
 * other than `/` and `:`.
 */
export function formatMatches(format: string, arn: string): boolean {
  let compiled = compiledFormats.get(format);
  if (!compiled) {
    compiled = compileFormat(format);
    compiledFormats.set(format, compiled);
  }
  // A cheap test first: the literal text after the partition must start the ARN's.
  if (!arn.slice(arn.indexOf(':', 4) + 1).startsWith(compiled.prefix)) return false;
  return compiled.regex.test(arn);
}

function compileFormat(format: string): CompiledFormat {
  const parts = format.split(':');
  const segments = [...parts.slice(0, 5), parts.slice(5).join(':')];
  const body = segments.map((segment) => {
    if (/^\$\{[^}]*\}$/.test(segment)) return '[^:/]+';
    if (segment === '*') return '[^:]*';
    return segment
      .split(/(\$\{[^}]*\})/)
      .map((piece) => (piece.startsWith('${') ? '.+' : escapeRegex(piece)))
      .join('');
  });
  const afterPartition = parts.slice(2).join(':');
  const cut = afterPartition.search(/\$\{|\*/);
  return {
    prefix: parts[1] === PARTITION_VARIABLE ? (cut < 0 ? afterPartition : afterPartition.slice(0, cut)) : '',
    regex: new RegExp(`^${body.join(':')}$`),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The catalog actions an Action pattern names: IAM's rule (case-insensitive, `*` any run, `?` one
 * character), written here as an anchored regular expression over `service:name`.
 */
export function actionsMatching(catalog: GenCatalog, pattern: string): readonly GenAction[] {
  const key = pattern.toLowerCase();
  let cached = matchingCache.get(key);
  if (!cached) {
    cached = actionsMatchingUncached(catalog, pattern);
    matchingCache.set(key, cached);
  }
  return cached;
}

const matchingCache = new Map<string, readonly GenAction[]>();

function actionsMatchingUncached(catalog: GenCatalog, pattern: string): GenAction[] {
  const source = `^${pattern
    .toLowerCase()
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')}$`;
  const regex = new RegExp(source);
  const colon = pattern.indexOf(':');
  const service = colon > 0 ? pattern.slice(0, colon).toLowerCase() : undefined;
  const pool = service && !/[*?]/.test(service) ? (catalog.byService.get(service) ?? []) : catalog.actions;
  return pool.filter((a) => regex.test(a.full.toLowerCase()));
}

/**
 * iam-data writes some resource types (apigateway v1/v2 pairs, lex v1/v2 bots, greengrass v1/v2
 * deployments) as two ARN formats joined by a comma: each is a format of the type.
 */
export function splitJoinedFormat(format: string): string[] {
  return format.split(/,\s*(?=arn:)/);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
