import type { PathHop } from '../model/finding.js';
import type { PermissionGraph } from './schema.js';

/** The hops along a node path, each with the edge's kind and evidence. */
export function explainPath(graph: PermissionGraph, nodePath: readonly string[]): PathHop[] {
  return hopEdges(graph, nodePath).map((edge) => {
    const attrs = graph.getEdgeAttributes(edge);
    return {
      from: graph.getNodeAttributes(graph.source(edge)).label,
      to: graph.getNodeAttributes(graph.target(edge)).label,
      kind: attrs.kind,
      ...(attrs.method === undefined ? {} : { method: attrs.method }),
      ...(attrs.via === undefined ? {} : { via: attrs.via }),
      statements: attrs.statements,
    };
  });
}

/** True when any hop holds only under a condition. */
export function isConditionalPath(graph: PermissionGraph, nodePath: readonly string[]): boolean {
  return hopEdges(graph, nodePath).some((edge) => graph.getEdgeAttribute(edge, 'conditional'));
}

/**
 * For each step of the path, the edge that explains it best: one that lets the source act as the
 * target rather than rewrite it, unconditional before conditional, first added otherwise.
 */
function hopEdges(graph: PermissionGraph, nodePath: readonly string[]): string[] {
  return nodePath.slice(1).map((to, i) => {
    const from = nodePath[i] ?? '';
    const edges = graph.outEdges(from, to);
    const rank = (edge: string) =>
      (graph.getEdgeAttribute(edge, 'rewrite') ? 2 : 0) +
      (graph.getEdgeAttribute(edge, 'conditional') ? 1 : 0);
    return [...edges].sort((a, b) => rank(a) - rank(b))[0] ?? '';
  });
}
