import type { Principal } from '../../model/principal.js';
import { type PermissionGraph, principalKey } from '../schema.js';

/** user -> each group it belongs to (the group's policies are part of the user's own reach). */
export function addMemberOfEdges(graph: PermissionGraph, user: Principal): void {
  for (const groupArn of [...user.groupArns].sort()) {
    if (!graph.hasNode(principalKey(groupArn))) continue;
    graph.addEdge(principalKey(user.arn), principalKey(groupArn), {
      kind: 'member-of',
      statements: [],
      conditional: false,
    });
  }
}
