import type { EvalScope } from './scope.js';
import {
  fromJson,
  type HclObject,
  type HclValue,
  hasUnknownInside,
  isHclList,
  isHclObject,
  isUnknown,
  mergeUnknowns,
  toJson,
  Unknown,
  unknownReason,
} from './values.js';
import { isPolicyDocument, widenPolicyDocument } from './widen-policy.js';

/*
 * Terraform's built-in functions that matter for IAM, evaluated statically. A function this does not
 * know, or one whose result depends on the real world (timestamp, uuid, a file that is not there),
 * gives an Unknown naming it, so the caller reports it as unresolved.
 */

type Fn = (args: readonly HclValue[], scope: EvalScope) => HclValue;

function text(value: HclValue): string | Unknown {
  if (isUnknown(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return unknownReason('an argument that is not text');
}

function list(value: HclValue): readonly HclValue[] | Unknown {
  if (isUnknown(value)) return value;
  if (isHclList(value)) return value;
  if (isHclObject(value))
    return Object.keys(value)
      .sort()
      .map((key) => value[key] ?? null);
  return unknownReason('an argument that is not a list');
}

function object(value: HclValue): HclObject | Unknown {
  if (isUnknown(value)) return value;
  if (isHclObject(value)) return value;
  return unknownReason('an argument that is not a map or object');
}

function unique(values: readonly HclValue[]): HclValue[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = JSON.stringify(toJson(value));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A function of text arguments, unknown when any of them is. */
function textFn(body: (...args: string[]) => HclValue): Fn {
  return (args) => {
    const texts = args.map(text);
    const unknown = texts.filter(isUnknown);
    if (unknown.length > 0) return mergeUnknowns(unknown);
    return body(...texts.filter((t): t is string => typeof t === 'string'));
  };
}

function format(spec: string, values: readonly HclValue[]): HclValue {
  let index = 0;
  let failed: Unknown | undefined;
  const out = spec.replace(/%(%|[-+ #0-9.]*[sdvqtfeg])/g, (match, verb: string) => {
    if (verb === '%') return '%';
    const value = values[index++] ?? null;
    if (isUnknown(value)) {
      failed = value;
      return '';
    }
    if (verb.endsWith('q')) return JSON.stringify(value);
    if (verb.endsWith('v') && typeof value !== 'string') return JSON.stringify(toJson(value));
    const asText = text(value);
    if (isUnknown(asText)) {
      failed = asText;
      return '';
    }
    return match.endsWith('d') ? String(Math.trunc(Number(asText))) : asText;
  });
  return failed ?? out;
}

function jsonencode(value: HclValue, scope: EvalScope): HclValue {
  if (!hasUnknownInside(value)) return JSON.stringify(toJson(value));
  if (!isPolicyDocument(value)) return mergeUnknowns([value]);
  const widened = widenPolicyDocument(value);
  if (widened instanceof Unknown) return widened;
  for (const note of widened.notes) scope.note(note);
  return hasUnknownInside(widened.document)
    ? mergeUnknowns([widened.document])
    : JSON.stringify(toJson(widened.document));
}

function flatten(values: readonly HclValue[]): HclValue[] {
  return values.flatMap((value) => (isHclList(value) ? flatten(value) : [value]));
}

function regexOf(pattern: string): RegExp | undefined {
  try {
    // Terraform uses RE2; the common subset behaves the same
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  jsonencode: ([value = null], scope) => jsonencode(value, scope),
  jsondecode: textFn((source) => {
    try {
      return fromJson(JSON.parse(source));
    } catch {
      return unknownReason('jsondecode of text that is not JSON');
    }
  }),
  tostring: ([value = null]) => (value === null ? null : text(value)),
  tonumber: ([value = null]) => {
    if (isUnknown(value) || typeof value === 'number') return value;
    const n = Number(value);
    return Number.isNaN(n) ? unknownReason('tonumber of text that is not a number') : n;
  },
  tobool: ([value = null]) => (value === 'true' ? true : value === 'false' ? false : value),
  tolist: ([value = null]) => list(value),
  toset: ([value = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    const distinct = unique(items);
    // Terraform orders a set of strings lexically
    return distinct.every((item) => typeof item === 'string')
      ? [...distinct].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0))
      : distinct;
  },
  tomap: ([value = null]) => object(value),
  sensitive: ([value = null]) => value,
  nonsensitive: ([value = null]) => value,
  concat: (args) => {
    const lists = args.map(list);
    const unknown = lists.filter(isUnknown);
    return unknown.length > 0
      ? mergeUnknowns(unknown)
      : lists.flatMap((items) => (isUnknown(items) ? [] : items));
  },
  merge: (args) => {
    const out: Record<string, HclValue> = {};
    for (const arg of args) {
      if (arg === null) continue;
      const value = object(arg);
      if (isUnknown(value)) return value;
      Object.assign(out, value);
    }
    return out;
  },
  flatten: ([value = null]) => {
    const items = list(value);
    return isUnknown(items) ? items : flatten(items);
  },
  distinct: ([value = null]) => {
    const items = list(value);
    return isUnknown(items) ? items : unique(items);
  },
  compact: ([value = null]) => {
    const items = list(value);
    return isUnknown(items) ? items : items.filter((item) => item !== null && item !== '');
  },
  coalesce: (args) => {
    for (const arg of args) {
      if (isUnknown(arg)) return arg;
      if (arg !== null && arg !== '') return arg;
    }
    return unknownReason('coalesce with no non-empty argument');
  },
  coalescelist: (args) => {
    for (const arg of args) {
      if (isUnknown(arg)) return arg;
      if (isHclList(arg) && arg.length > 0) return arg;
    }
    return [];
  },
  length: ([value = null]) => {
    if (isUnknown(value)) return value;
    if (typeof value === 'string') return [...value].length;
    if (isHclList(value)) return value.length;
    if (isHclObject(value)) return Object.keys(value).length;
    return unknownReason('length of a value that has none');
  },
  keys: ([value = null]) => {
    const map = object(value);
    return isUnknown(map) ? map : Object.keys(map).sort();
  },
  values: ([value = null]) => list(value),
  lookup: ([value = null, key = null, fallback]) => {
    const map = object(value);
    if (isUnknown(map)) return map;
    const name = text(key);
    if (isUnknown(name)) return name;
    return map[name] ?? fallback ?? unknownReason(`lookup of a missing key ${JSON.stringify(name)}`);
  },
  element: ([value = null, index = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    if (isUnknown(index) || typeof index !== 'number') return mergeUnknowns([index]);
    if (items.length === 0) return unknownReason('element of an empty list');
    return items[index % items.length] ?? null;
  },
  index: ([value = null, wanted = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    const found = items.findIndex((item) => JSON.stringify(item) === JSON.stringify(wanted));
    return found < 0 ? unknownReason('index of a missing element') : found;
  },
  contains: ([value = null, wanted = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    if (isUnknown(wanted)) return wanted;
    return items.some((item) => JSON.stringify(item) === JSON.stringify(wanted));
  },
  slice: ([value = null, start = null, end = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    if (typeof start !== 'number' || typeof end !== 'number') return mergeUnknowns([start, end]);
    return items.slice(start, end);
  },
  reverse: ([value = null]) => {
    const items = list(value);
    return isUnknown(items) ? items : [...items].reverse();
  },
  sort: ([value = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    return items.map((item) => String(item)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  },
  range: (args) => {
    const numbers = args.filter((arg): arg is number => typeof arg === 'number');
    if (numbers.length !== args.length) return mergeUnknowns(args);
    const [start, end, step] =
      numbers.length === 1 ? [0, numbers[0] ?? 0, 1] : [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 1];
    const out: number[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
    return out;
  },
  zipmap: ([keys = null, values = null]) => {
    const [k, v] = [list(keys), list(values)];
    if (isUnknown(k) || isUnknown(v)) return mergeUnknowns([k, v]);
    const out: Record<string, HclValue> = {};
    for (const [index, key] of k.entries()) {
      const name = text(key);
      if (isUnknown(name)) return name;
      out[name] = v[index] ?? null;
    }
    return out;
  },
  one: ([value = null]) => {
    const items = list(value);
    if (isUnknown(items)) return items;
    return items.length === 0 ? null : (items[0] ?? null);
  },
  setunion: (args) => {
    const lists = args.map(list);
    const unknown = lists.filter(isUnknown);
    return unknown.length > 0
      ? mergeUnknowns(unknown)
      : unique(lists.flatMap((items) => (isUnknown(items) ? [] : items)));
  },
  max: (args) =>
    args.every((a) => typeof a === 'number') ? Math.max(...args.map(Number)) : mergeUnknowns(args),
  min: (args) =>
    args.every((a) => typeof a === 'number') ? Math.min(...args.map(Number)) : mergeUnknowns(args),
  format: (args) => {
    const [spec = null, ...rest] = args;
    const pattern = text(spec);
    return isUnknown(pattern) ? pattern : format(pattern, rest);
  },
  formatlist: (args) => {
    const [spec = null, ...rest] = args;
    const pattern = text(spec);
    if (isUnknown(pattern)) return pattern;
    const length = Math.max(0, ...rest.map((arg) => (isHclList(arg) ? arg.length : 0)));
    return Array.from({ length }, (_, index) =>
      format(
        pattern,
        rest.map((arg) => (isHclList(arg) ? (arg[index] ?? null) : arg)),
      ),
    );
  },
  join: ([separator = null, value = null]) => {
    const sep = text(separator);
    const items = list(value);
    if (isUnknown(sep) || isUnknown(items)) return mergeUnknowns([sep, items]);
    const texts = items.map(text);
    const unknown = texts.filter(isUnknown);
    return unknown.length > 0 ? mergeUnknowns(unknown) : texts.join(sep);
  },
  split: textFn((separator, source) => (source === '' ? [] : source.split(separator))),
  lower: textFn((s) => s.toLowerCase()),
  upper: textFn((s) => s.toUpperCase()),
  title: textFn((s) => s.replace(/\b\w/g, (c) => c.toUpperCase())),
  trimspace: textFn((s) => s.trim()),
  chomp: textFn((s) => s.replace(/(\r?\n)+$/, '')),
  trim: textFn((s, chars) => {
    const set = new Set(chars);
    let [start, end] = [0, s.length];
    while (start < end && set.has(s.charAt(start))) start++;
    while (end > start && set.has(s.charAt(end - 1))) end--;
    return s.slice(start, end);
  }),
  trimprefix: textFn((s, prefix) => (s.startsWith(prefix) ? s.slice(prefix.length) : s)),
  trimsuffix: textFn((s, suffix) => (suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s)),
  startswith: textFn((s, prefix) => s.startsWith(prefix)),
  endswith: textFn((s, suffix) => s.endsWith(suffix)),
  strcontains: textFn((s, part) => s.includes(part)),
  substr: ([value = null, offset = null, length = null]) => {
    const s = text(value);
    if (isUnknown(s) || typeof offset !== 'number' || typeof length !== 'number')
      return mergeUnknowns([s, offset, length]);
    return length < 0 ? s.slice(offset) : s.slice(offset, offset + length);
  },
  replace: textFn((s, search, replacement) => {
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
      const pattern = regexOf(search.slice(1, -1));
      return pattern === undefined
        ? unknownReason(`replace with an unsupported pattern ${search}`)
        : s.replace(new RegExp(pattern.source, 'g'), replacement.replace(/\$\{?(\d+)\}?/g, '$$$1'));
    }
    return s.split(search).join(replacement);
  }),
  basename: textFn((s) => s.slice(s.lastIndexOf('/') + 1)),
  dirname: textFn((s) => (s.includes('/') ? s.slice(0, s.lastIndexOf('/')) : '.')),
  abspath: textFn((s) => s),
  file: ([path = null], scope) => {
    const name = text(path);
    if (isUnknown(name)) return name;
    return scope.readText(name) ?? unknownReason(`file("${name}") cannot be read`);
  },
  fileexists: ([path = null], scope) => {
    const name = text(path);
    return isUnknown(name) ? name : scope.readText(name) !== undefined;
  },
};

/** Functions whose result depends on the time, randomness or the outside world. */
const NEVER_STATIC = new Set(['timestamp', 'uuid', 'uuidv5', 'bcrypt', 'filebase64', 'base64sha256']);

export function callFunction(
  name: string,
  rawArgs: readonly HclValue[],
  expandFinal: boolean,
  scope: EvalScope,
): HclValue {
  const last = rawArgs.at(-1);
  if (expandFinal && isUnknown(last)) return last;
  const args =
    expandFinal && last !== undefined && isHclList(last) ? [...rawArgs.slice(0, -1), ...last] : rawArgs;
  if (name === 'try') {
    const known = args.find((arg) => !hasUnknownInside(arg));
    return known ?? args.find((arg) => !isUnknown(arg)) ?? mergeUnknowns(args);
  }
  if (name === 'can') {
    const [value = null] = args;
    return isUnknown(value) ? value : true;
  }
  const fn = FUNCTIONS[name];
  if (fn === undefined || NEVER_STATIC.has(name))
    return new Unknown([], [`${name}() is not evaluated without a plan`]);
  return fn(args, scope);
}
