import { type HclObject, type HclValue, isHclList, isHclObject, isUnknown, Unknown } from './values.js';

/*
 * `jsonencode({Version = …, Statement = […]})` with parts that cannot be known without a plan. Reach
 * is never under-reported, so what is unknown widens an Allow and never strengthens a Deny (the rule
 * the plan reader's policy document rebuild follows):
 * - Allow: an unknown Action, Resource or Principal element is `*`; an unknown NotAction, NotResource
 *   or NotPrincipal element is left out (all of them unknown: Action, Resource or Principal `*`);
 *   an unknown condition is left out; an unknown Effect is Allow.
 * - Deny: a statement with any unknown part is left out.
 */

export interface WidenedPolicy {
  readonly document: HclObject;
  /** One line per approximation, naming what was unknown and what it became. */
  readonly notes: readonly string[];
}

const POSITIVE: Readonly<Record<string, string>> = {
  NotAction: 'Action',
  NotResource: 'Resource',
  NotPrincipal: 'Principal',
};

export function isPolicyDocument(value: HclValue): value is HclObject {
  return isHclObject(value) && 'Statement' in value;
}

function describe(value: HclValue): string {
  return isUnknown(value) ? value.describe() : 'an unknown value';
}

function hasUnknown(value: HclValue): boolean {
  if (isUnknown(value)) return true;
  if (isHclList(value)) return value.some(hasUnknown);
  if (isHclObject(value)) return Object.values(value).some(hasUnknown);
  return false;
}

function unknownsIn(value: HclValue): string[] {
  if (isUnknown(value)) return [value.describe()];
  if (isHclList(value)) return value.flatMap(unknownsIn);
  if (isHclObject(value)) return Object.values(value).flatMap(unknownsIn);
  return [];
}

/** Elements of an Action/Resource list with the unknown ones widened to `*`. */
function widenList(value: HclValue, label: string, notes: string[]): HclValue {
  if (isUnknown(value)) {
    notes.push(`${label} (${describe(value)}) widened to *`);
    return '*';
  }
  if (!isHclList(value)) return value;
  const unknown = value.filter(isUnknown);
  if (unknown.length === 0) return value;
  notes.push(`${label} element ${unknown.map(describe).join(', ')} widened to *`);
  return [...value.filter((item) => !isUnknown(item)), '*'];
}

function widenPrincipal(value: HclValue, label: string, notes: string[]): HclValue {
  if (isUnknown(value)) {
    notes.push(`${label} (${describe(value)}) widened to *`);
    return '*';
  }
  if (!isHclObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([type, ids]) => [type, widenList(ids, `${label}.${type}`, notes)]),
  );
}

function widenStatement(statement: HclValue, index: number, notes: string[]): HclValue | undefined {
  if (!hasUnknown(statement)) return statement;
  const where = `statement ${index}`;
  if (!isHclObject(statement)) {
    notes.push(`${where} (${describe(statement)}) left out: its content is unknown`);
    return undefined;
  }
  const effect = statement.Effect;
  if (effect === 'Deny') {
    notes.push(`${where}: Deny left out because ${unknownsIn(statement).join(', ')} is unknown`);
    return undefined;
  }
  const out: Record<string, HclValue> = {};
  if (isUnknown(effect)) notes.push(`${where}: Effect (${describe(effect)}) read as Allow`);
  for (const [key, value] of Object.entries(statement)) {
    if (key === 'Effect') out.Effect = isUnknown(value) ? 'Allow' : value;
    else if (key === 'Sid') {
      if (!isUnknown(value)) out.Sid = value;
    } else if (key === 'Action' || key === 'Resource') out[key] = widenList(value, `${where}: ${key}`, notes);
    else if (key === 'Principal') out.Principal = widenPrincipal(value, `${where}: Principal`, notes);
    else if (key in POSITIVE) {
      const positive = POSITIVE[key] ?? key;
      const kept = isHclList(value)
        ? value.filter((item) => !isUnknown(item))
        : isUnknown(value)
          ? []
          : [value];
      if (hasUnknown(value))
        notes.push(`${where}: unknown ${key} element (${unknownsIn(value).join(', ')}) left out`);
      if (kept.length > 0 && !hasUnknown(kept)) out[key] = kept;
      else out[positive] = '*';
    } else if (key === 'Condition') {
      const condition = widenCondition(value, where, notes);
      if (condition !== undefined) out.Condition = condition;
    } else out[key] = value;
  }
  return out;
}

function widenCondition(value: HclValue, where: string, notes: string[]): HclValue | undefined {
  if (!hasUnknown(value)) return value;
  if (!isHclObject(value)) {
    notes.push(`${where}: Condition (${describe(value)}) left out`);
    return undefined;
  }
  const out: Record<string, HclValue> = {};
  for (const [operator, keys] of Object.entries(value)) {
    if (!isHclObject(keys)) {
      if (hasUnknown(keys))
        notes.push(`${where}: condition ${operator} (${unknownsIn(keys).join(', ')}) left out`);
      else out[operator] = keys;
      continue;
    }
    const kept: Record<string, HclValue> = {};
    for (const [key, values] of Object.entries(keys)) {
      if (hasUnknown(values))
        notes.push(`${where}: condition ${operator} ${key} (${unknownsIn(values).join(', ')}) left out`);
      else kept[key] = values;
    }
    if (Object.keys(kept).length > 0) out[operator] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The document with every unknown part widened as above, or Unknown when even its shape is unknown. */
export function widenPolicyDocument(document: HclObject): WidenedPolicy | Unknown {
  const notes: string[] = [];
  const statements = document.Statement;
  if (statements === undefined || isUnknown(statements)) {
    return statements === undefined ? new Unknown([], ['a policy with no Statement']) : statements;
  }
  const list = isHclList(statements) ? statements : [statements];
  const widened = list.flatMap((statement, index) => {
    const result = widenStatement(statement, index, notes);
    return result === undefined ? [] : [result];
  });
  const out: Record<string, HclValue> = {};
  for (const [key, value] of Object.entries(document)) {
    if (key === 'Statement') out.Statement = widened;
    else if (!isUnknown(value)) out[key] = value;
  }
  if (isUnknown(document.Version)) out.Version = '2012-10-17';
  return { document: out, notes };
}
