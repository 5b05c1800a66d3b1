import type { EscalationEdge } from './context.js';
import { candidateTargets, permits } from './context.js';
import type { EscalationMethod } from './method.js';

const KEY_ACTIONS = ['iam:AddUserToGroup'];

/** A user adding itself to a group gains the group's policies. */
export const joinGroup: EscalationMethod = {
  name: 'add itself to a group',
  keyActions: KEY_ACTIONS,
  edges(ctx, source, reach) {
    if (source.kind !== 'user') return [];
    const out: EscalationEdge[] = [];
    for (const group of candidateTargets(ctx, reach, KEY_ACTIONS, ctx.targets.group)) {
      if (source.groupArns.includes(group.arn)) continue;
      const permission = permits(ctx, reach, [['iam:AddUserToGroup', group.arn]]);
      if (!permission) continue;
      out.push({
        from: source.arn,
        to: group.arn,
        kind: 'can-escalate',
        method: 'iam:AddUserToGroup',
        ...permission,
      });
    }
    return out;
  },
};
