/** Terraform addresses (`module.a["k"].aws_iam_role.r[0]`) and configuration references (`var.x`, `aws_iam_policy.p.arn`). */

export type InstanceKey = string | number;

export interface ModuleStep {
  readonly name: string;
  readonly key?: InstanceKey;
}

export type ResourceMode = 'managed' | 'data';

export interface InstanceAddress {
  readonly modules: readonly ModuleStep[];
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  readonly key?: InstanceKey;
}

export type Reference =
  | { readonly kind: 'var'; readonly name: string }
  | {
      readonly kind: 'resource';
      readonly mode: ResourceMode;
      readonly type: string;
      readonly name: string;
      readonly key?: InstanceKey;
      readonly attribute?: string;
    }
  | { readonly kind: 'module-output'; readonly module: ModuleStep; readonly output?: string }
  | { readonly kind: 'count.index' | 'each.key' | 'each.value' }
  | { readonly kind: 'other'; readonly text: string };

type Segment = { readonly name: string } | { readonly key: InstanceKey };

const IDENTIFIER = /[A-Za-z0-9_-]/;

/** `a.b["x.y"][0]` -> name, name, key, key; undefined when the text is not a static traversal. */
function splitTraversal(text: string): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '.') {
      i += 1;
    } else if (char === '[') {
      const close = findKeyEnd(text, i + 1);
      if (close === undefined) return undefined;
      const key = parseKey(text.slice(i + 1, close));
      if (key === undefined) return undefined;
      segments.push({ key });
      i = close + 1;
    } else {
      let end = i;
      while (end < text.length && IDENTIFIER.test(text.charAt(end))) end += 1;
      if (end === i) return undefined;
      segments.push({ name: text.slice(i, end) });
      i = end;
    }
  }
  return segments;
}

function findKeyEnd(text: string, start: number): number | undefined {
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString && char === '\\') i += 1;
    else if (char === '"') inString = !inString;
    else if (!inString && char === ']') return i;
  }
  return undefined;
}

function parseKey(text: string): InstanceKey | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.startsWith('"')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function nameAt(segments: readonly Segment[], index: number): string | undefined {
  const segment = segments[index];
  return segment !== undefined && 'name' in segment ? segment.name : undefined;
}

function keyAt(segments: readonly Segment[], index: number): InstanceKey | undefined {
  const segment = segments[index];
  return segment !== undefined && 'key' in segment ? segment.key : undefined;
}

/** Reads the module steps at the start of a traversal; returns them and where the rest begins. */
function readModules(segments: readonly Segment[]): { modules: ModuleStep[]; next: number } {
  const modules: ModuleStep[] = [];
  let next = 0;
  while (nameAt(segments, next) === 'module') {
    const name = nameAt(segments, next + 1);
    if (name === undefined) break;
    const key = keyAt(segments, next + 2);
    modules.push(key === undefined ? { name } : { name, key });
    next += key === undefined ? 2 : 3;
  }
  return { modules, next };
}

export function parseInstanceAddress(address: string): InstanceAddress | undefined {
  const segments = splitTraversal(address);
  if (segments === undefined) return undefined;
  const { modules, next } = readModules(segments);
  const mode: ResourceMode = nameAt(segments, next) === 'data' ? 'data' : 'managed';
  const start = mode === 'data' ? next + 1 : next;
  const type = nameAt(segments, start);
  const name = nameAt(segments, start + 1);
  const key = keyAt(segments, start + 2);
  const length = start + (key === undefined ? 2 : 3);
  if (type === undefined || name === undefined || length !== segments.length) return undefined;
  return { modules, mode, type, name, ...(key === undefined ? {} : { key }) };
}

function formatKey(key: InstanceKey | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** `module.a["k"].module.b`, or '' for the root module. */
export function formatModules(modules: readonly ModuleStep[]): string {
  return modules.map((step) => `module.${step.name}${formatKey(step.key)}`).join('.');
}

/** The address of every instance of one resource block: `module.a["k"].data.t.n`, without the instance key. */
export function formatResourceBase(
  modules: readonly ModuleStep[],
  mode: ResourceMode,
  type: string,
  name: string,
): string {
  const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  const prefix = formatModules(modules);
  return prefix === '' ? local : `${prefix}.${local}`;
}

export function parseReference(text: string): Reference {
  const segments = splitTraversal(text);
  const head = segments === undefined ? undefined : nameAt(segments, 0);
  if (segments === undefined || head === undefined) return { kind: 'other', text };
  const second = nameAt(segments, 1);
  if (head === 'var' && second !== undefined) return { kind: 'var', name: second };
  if (head === 'count' && second === 'index') return { kind: 'count.index' };
  if (head === 'each' && (second === 'key' || second === 'value')) return { kind: `each.${second}` };
  if (head === 'module' && second !== undefined) {
    const key = keyAt(segments, 2);
    const output = nameAt(segments, key === undefined ? 2 : 3);
    const module = key === undefined ? { name: second } : { name: second, key };
    return { kind: 'module-output', module, ...(output === undefined ? {} : { output }) };
  }
  if (['local', 'path', 'terraform', 'self'].includes(head)) return { kind: 'other', text };
  const mode: ResourceMode = head === 'data' ? 'data' : 'managed';
  const start = mode === 'data' ? 1 : 0;
  const type = nameAt(segments, start);
  const name = nameAt(segments, start + 1);
  if (type === undefined || name === undefined) return { kind: 'other', text };
  const key = keyAt(segments, start + 2);
  const attribute = nameAt(segments, start + (key === undefined ? 2 : 3));
  return {
    kind: 'resource',
    mode,
    type,
    name,
    ...(key === undefined ? {} : { key }),
    ...(attribute === undefined ? {} : { attribute }),
  };
}

/**
 * Terraform lists every traversal with its shorter forms (`aws_iam_policy.p.arn`, `aws_iam_policy.p`);
 * keeps the longest of each, in order.
 */
export function distinctReferences(references: readonly string[]): string[] {
  const unique = [...new Set(references)];
  return unique.filter(
    (ref) =>
      !unique.some((other) => other !== ref && (other.startsWith(`${ref}.`) || other.startsWith(`${ref}[`))),
  );
}
