import { edgePathFromNodePath } from 'graphology-shortest-path/utils.js';
import type { PathHop } from '../model/finding.js';
import type { PermissionGraph } from './schema.js';

/** The hops along a node path, each with the edge's kind and evidence. */
export function explainPath(graph: PermissionGraph, nodePath: readonly string[]): PathHop[] {
  return edgePathFromNodePath(graph, [...nodePath]).map((edge) => {
    const attrs = graph.getEdgeAttributes(edge);
    return {
      from: graph.getNodeAttributes(graph.source(edge)).label,
      to: graph.getNodeAttributes(graph.target(edge)).label,
      kind: attrs.kind,
      statements: attrs.statements,
    };
  });
}

/** True when any hop holds only under a condition. */
export function isConditionalPath(graph: PermissionGraph, nodePath: readonly string[]): boolean {
  return edgePathFromNodePath(graph, [...nodePath]).some((edge) =>
    graph.getEdgeAttribute(edge, 'conditional'),
  );
}
