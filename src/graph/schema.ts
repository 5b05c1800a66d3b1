import type { MultiDirectedGraph } from 'graphology';
import type { EdgeKind } from '../model/finding.js';
import type { StatementRef } from '../model/policy.js';
import type { PrincipalKind } from '../model/principal.js';

export type NodeKind = 'agent' | 'principal';

export interface NodeAttrs {
  readonly kind: NodeKind;
  /** What a reader sees: the agent's name or the principal's ARN. */
  readonly label: string;
  readonly principalKind?: PrincipalKind;
}

export interface EdgeAttrs {
  readonly kind: EdgeKind;
  /** The statements that make the edge exist (trust statement, identity grant …). */
  readonly statements: readonly StatementRef[];
  /** True when the edge holds only under a condition (MFA, external id, tags …). */
  readonly conditional: boolean;
}

export type PermissionGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export function agentKey(name: string): string {
  return `agent:${name}`;
}

export function principalKey(arn: string): string {
  return `principal:${arn}`;
}
