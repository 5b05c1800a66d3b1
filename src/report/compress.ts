import { compareText } from '../model/order.js';

/** Summaries of the default shape by the action list itself: every renderer of a report asks for the same lists. */
const byList = new WeakMap<readonly string[], string>();

interface Summary {
  readonly actions: readonly string[];
  readonly perService: number;
  readonly services: number;
  readonly text: string;
}
/**
 * Summaries by a cheap key (the list's length and three of its actions), each bucket searched for an
 * equal list: an estate's thousands of findings share a few dozen distinct lists, and comparing a
 * list (whose strings are mostly the catalog's own) costs less than joining it. Emptied when it
 * grows large, as a process may render many reports.
 */
const byShape = new Map<string, Summary[]>();
const BY_SHAPE_LIMIT = 4096;

/**
 * Actions for people: grouped by service, a few names each, the rest counted.
 * `["s3:GetObject","s3:PutObject","ec2:RunInstances"]` -> `ec2:RunInstances; s3:GetObject, s3:PutObject`.
 */
export function compressActions(actions: readonly string[], perService = 4, services = 6): string {
  const usual = perService === 4 && services === 6;
  const known = usual ? byList.get(actions) : undefined;
  if (known !== undefined) return known;
  const n = actions.length;
  const key = `${perService} ${services} ${n} ${actions[0]} ${actions[n >> 1]} ${actions[n - 1]}`;
  const bucket = byShape.get(key) ?? [];
  let summary = bucket.find(
    (s) => s.perService === perService && s.services === services && isSameList(s.actions, actions),
  );
  if (summary === undefined) {
    summary = { actions, perService, services, text: compressUncached(actions, perService, services) };
    if (byShape.size >= BY_SHAPE_LIMIT) byShape.clear();
    byShape.set(key, [...bucket, summary]);
  }
  if (usual) byList.set(actions, summary.text);
  return summary.text;
}

function isSameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function compressUncached(actions: readonly string[], perService: number, services: number): string {
  const byService = new Map<string, string[]>();
  for (const action of actions) {
    const colon = action.indexOf(':');
    const service = colon === -1 ? action : action.slice(0, colon);
    const list = byService.get(service);
    if (list) list.push(action);
    else byService.set(service, [action]);
  }
  const groups = [...byService.entries()].sort(([a], [b]) => compareText(a, b));
  const shown = groups.slice(0, services).map(([service, list]) => {
    const names = list.slice(0, perService).join(', ');
    return list.length > perService ? `${names} (+${list.length - perService} more ${service})` : names;
  });
  const hidden = groups.slice(services);
  if (hidden.length > 0) {
    const count = hidden.reduce((n, [, list]) => n + list.length, 0);
    shown.push(`+${count} more in ${hidden.length} other service${hidden.length === 1 ? '' : 's'}`);
  }
  return shown.join('; ');
}

/** Services by their action counts, largest first: `ec2 610, s3 120 (+4 more services)`. */
export function compressServiceCounts(
  services: readonly { readonly service: string; readonly actions: number }[],
  shown = 6,
): string {
  const listed = services
    .slice(0, shown)
    .map((s) => `${s.service} ${s.actions.toLocaleString('en-US')}`)
    .join(', ');
  const hidden = services.length - shown;
  return hidden > 0 ? `${listed} (+${hidden} more service${hidden === 1 ? '' : 's'})` : listed;
}

export function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
