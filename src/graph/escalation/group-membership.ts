import type { EscalationEdge } from './context.js';
import { permits } from './context.js';
import type { EscalationMethod } from './method.js';

/** A user adding itself to a group gains the group's policies. */
export const joinGroup: EscalationMethod = {
  name: 'add itself to a group',
  keyActions: ['iam:AddUserToGroup'],
  edges(ctx, source, reach) {
    if (source.kind !== 'user') return [];
    const out: EscalationEdge[] = [];
    for (const group of ctx.principals) {
      if (group.kind !== 'group' || source.groupArns.includes(group.arn)) continue;
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
