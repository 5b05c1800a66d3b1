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
  /** Escalation edges: the method, named by its key actions (`iam:PassRole+lambda:CreateFunction`). */
  readonly method?: string;
  /** Escalation edges that act on a resource (a function, an instance, a policy): its ARN. */
  readonly via?: string;
  /**
   * A rewrite of the target's permissions: `any-permission` when the source can give the target any
   * policy, `boundary` when it can remove the target's permissions boundary.
   */
  readonly rewrite?: 'any-permission' | 'boundary';
}

export type PermissionGraph = MultiDirectedGraph<NodeAttrs, EdgeAttrs>;

export function agentKey(name: string): string {
  return `agent:${name}`;
}

export function principalKey(arn: string): string {
  return `principal:${arn}`;
}
