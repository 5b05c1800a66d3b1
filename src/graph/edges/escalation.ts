import { singleSource } from 'graphology-shortest-path/unweighted.js';
import type { Principal } from '../../model/principal.js';
import type { EscalationContext, EscalationEdge } from '../escalation/context.js';
import { mayUseAny } from '../escalation/context.js';
import { REACH_METHODS, REWRITE_METHODS } from '../escalation/index.js';
import type { EscalationMethod } from '../escalation/method.js';
import { type PermissionGraph, principalKey } from '../schema.js';

/**
 * can-pass-role and can-escalate edges. Methods that reach another principal go first; then, for
 * every principal that can act as others through the graph so far, the methods that rewrite the
 * permissions of any of them (itself included: a self-loop).
 */
export function addEscalationEdges(graph: PermissionGraph, ctx: EscalationContext): void {
  const sources = ctx.principals.filter((p) => p.kind !== 'group');
  for (const source of sources) {
    for (const edge of edgesOf(ctx, source, REACH_METHODS, [])) addEdge(graph, edge);
  }
  const rewrites = sources.flatMap((source) => {
    const reach = ctx.index.reachOf(source.arn);
    if (!reach || !REWRITE_METHODS.some((m) => mayUseAny(ctx, reach, m.keyActions))) return [];
    return edgesOf(ctx, source, REWRITE_METHODS, actsAs(graph, ctx, source));
  });
  for (const edge of rewrites) addEdge(graph, edge);
}

function edgesOf(
  ctx: EscalationContext,
  source: Principal,
  methods: readonly EscalationMethod[],
  acts: readonly Principal[],
): EscalationEdge[] {
  const reach = ctx.index.reachOf(source.arn);
  if (!reach) return [];
  return methods.flatMap((m) =>
    mayUseAny(ctx, reach, m.keyActions) ? m.edges(ctx, source, reach, acts) : [],
  );
}

/** The source, and every principal (groups included) it reaches in the graph. */
function actsAs(graph: PermissionGraph, ctx: EscalationContext, source: Principal): Principal[] {
  return Object.keys(singleSource(graph, principalKey(source.arn))).flatMap((node) => {
    const attrs = graph.getNodeAttributes(node);
    const p = attrs.kind === 'principal' ? ctx.index.principal(attrs.label) : undefined;
    return p ? [p] : [];
  });
}

function addEdge(graph: PermissionGraph, edge: EscalationEdge): void {
  const from = principalKey(edge.from);
  const to = principalKey(edge.to);
  if (!graph.hasNode(from) || !graph.hasNode(to)) return;
  graph.addEdge(from, to, {
    kind: edge.kind,
    statements: edge.statements,
    conditional: edge.conditional,
    method: edge.method,
    ...(edge.via === undefined ? {} : { via: edge.via }),
    ...(edge.rewrite === undefined ? {} : { rewrite: edge.rewrite }),
  });
}
