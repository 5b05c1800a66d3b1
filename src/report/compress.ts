import { compareText } from '../model/order.js';

/**
 * Actions for people: grouped by service, a few names each, the rest counted.
 * `["s3:GetObject","s3:PutObject","ec2:RunInstances"]` -> `ec2:RunInstances; s3:GetObject, s3:PutObject`.
 */
export function compressActions(actions: readonly string[], perService = 4, services = 6): string {
  const byService = new Map<string, string[]>();
  for (const action of actions) {
    const service = action.split(':')[0] ?? action;
    const list = byService.get(service) ?? [];
    list.push(action);
    byService.set(service, list);
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
