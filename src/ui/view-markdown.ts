import type { Exploration } from '../pipeline/explore.js';
import { renderMarkdown } from '../report/markdown.js';
import type { ViewState } from './state.js';
import { agentNames, visibleFindings } from './view-model.js';

/** The current view as markdown (`e`): the report of the findings the view lists, with its filters named. */
export function viewMarkdown(exploration: Exploration, state: ViewState): string {
  const findings = visibleFindings(exploration, state);
  const filters = [
    `agent: ${agentNames(exploration)[state.agent] ?? 'all'}`,
    ...(state.severity === undefined ? [] : [`severity at or above ${state.severity}`]),
    ...(state.rule === undefined ? [] : [`rule ${state.rule}`]),
    ...(state.query === '' ? [] : [`search "${state.query}"`]),
  ];
  const body = renderMarkdown({ ...exploration.report, findings });
  return `<!-- blast-radius report view: ${filters.join(' · ')}; ${findings.length} of ${exploration.report.findings.length} findings -->\n${body}`;
}
