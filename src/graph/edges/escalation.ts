import type { Principal } from '../../model/principal.js';
import type { EscalationContext, EscalationEdge } from '../escalation/context.js';
import { mayUseAny } from '../escalation/context.js';
import { REACH_METHODS, REWRITE_METHODS } from '../escalation/index.js';
import type { EscalationMethod } from '../escalation/method.js';
import { type PermissionGraph, principalKey } from '../schema.js';

/** The source's can-pass-role and can-escalate edges by methods that reach another principal. */
export function addReachEscalations(graph: PermissionGraph, ctx: EscalationContext, source: Principal): void {
  for (const edge of edgesOf(ctx, source, REACH_METHODS, [])) addEdge(graph, edge);
}

/**
 * For every source that can act as others through the graph as it stands, the edges of the methods
 * that rewrite the permissions of any of them (itself included: a self-loop), source by source.
 */
export function addRewriteEscalations(
  graph: PermissionGraph,
  ctx: EscalationContext,
  sources: readonly Principal[],
): void {
  const reachable = new Reachability(graph, ctx);
  const rewrites = sources.flatMap((source) => {
    const reach = ctx.index.reachOf(source.arn);
    if (!reach || !REWRITE_METHODS.some((m) => mayUseAny(ctx, reach, m.keyActions))) return [];
    return edgesOf(ctx, source, REWRITE_METHODS, reachable.from(source));
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

/**
 * The graph as it stands, for breadth-first walks: each node's out-neighbours in graphology's order,
 * read once rather than per walk.
 */
class Reachability {
  private readonly keys: string[] = [];
  private readonly positions = new Map<string, number>();
  private readonly principals: (Principal | undefined)[] = [];
  private readonly neighbours: number[][] = [];
  private readonly seen: Uint32Array;
  private walk = 0;

  constructor(graph: PermissionGraph, ctx: EscalationContext) {
    graph.forEachNode((node, attrs) => {
      this.positions.set(node, this.keys.length);
      this.keys.push(node);
      this.principals.push(attrs.kind === 'principal' ? ctx.index.principal(attrs.label) : undefined);
    });
    for (const node of this.keys) {
      this.neighbours.push(graph.outboundNeighbors(node).map((n) => this.positions.get(n) ?? 0));
    }
    this.seen = new Uint32Array(this.keys.length);
  }

  /**
   * The source, and every principal (groups included) it reaches in the graph, in the order
   * graphology-shortest-path's singleSource finds them (breadth first, neighbours in graph order).
   */
  from(source: Principal): Principal[] {
    const start = this.positions.get(principalKey(source.arn));
    if (start === undefined) return [];
    this.walk++;
    const queue = [start];
    this.seen[start] = this.walk;
    for (let i = 0; i < queue.length; i++) {
      for (const next of this.neighbours[queue[i] ?? 0] ?? []) {
        if (this.seen[next] === this.walk) continue;
        this.seen[next] = this.walk;
        queue.push(next);
      }
    }
    return queue.flatMap((node) => {
      const principal = this.principals[node];
      return principal ? [principal] : [];
    });
  }
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
