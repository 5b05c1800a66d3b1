import type { Principal } from '../../model/principal.js';
import type { ArnFilter, EscalationEdge } from './context.js';
import { candidateArns, permits } from './context.js';
import type { EscalationMethod } from './method.js';

const BOUNDARY_ACTIONS: Readonly<Record<Principal['kind'], readonly string[]>> = {
  role: ['iam:DeleteRolePermissionsBoundary', 'iam:PutRolePermissionsBoundary'],
  user: ['iam:DeleteUserPermissionsBoundary', 'iam:PutUserPermissionsBoundary'],
  group: [],
};

/** Removing (or replacing) the permissions boundary of a principal the source can act as. */
export const boundaryRemoval: EscalationMethod = {
  name: 'remove its permissions boundary',
  keyActions: Object.values(BOUNDARY_ACTIONS).flat(),
  edges(ctx, source, reach, actsAs) {
    const out: EscalationEdge[] = [];
    // the targets of each kind some grant of the boundary actions could name
    const named = new Map<Principal['kind'], ArnFilter>();
    for (const target of actsAs) {
      if (!target.permissionsBoundaryArn) continue;
      let byKind = named.get(target.kind);
      if (!byKind) {
        byKind = candidateArns(ctx, reach, BOUNDARY_ACTIONS[target.kind], ctx.targets[target.kind]);
        named.set(target.kind, byKind);
      }
      if (!byKind.has(target.arn)) continue;
      for (const action of BOUNDARY_ACTIONS[target.kind]) {
        const permission = permits(ctx, reach, [[action, target.arn]]);
        if (!permission) continue;
        out.push({
          from: source.arn,
          to: target.arn,
          kind: 'can-escalate',
          rewrite: 'boundary',
          method: action,
          ...permission,
        });
        break;
      }
    }
    return out;
  },
};
