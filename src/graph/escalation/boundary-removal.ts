import type { Principal } from '../../model/principal.js';
import type { EscalationEdge } from './context.js';
import { permits } from './context.js';
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
    for (const target of actsAs) {
      if (!target.permissionsBoundaryArn) continue;
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
