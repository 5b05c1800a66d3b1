import { Text } from 'ink';
import type { AgentSummary } from '../../model/report.js';
import { ALL_AGENTS } from '../view-model.js';
import { Pane } from './pane.js';
import { SeverityLabel } from './severity.js';
import { truncateTo, windowAround } from './window.js';

export const AGENTS_WIDTH = 46;

function AgentRow({ agent, selected }: { readonly agent: AgentSummary; readonly selected: boolean }) {
  return (
    <Text inverse={selected} wrap="truncate">
      {truncateTo(agent.name, 20).padEnd(21)}
      {agent.reachActions.toLocaleString('en-US').padStart(7)}
      {' / '}
      {agent.declaredActions.toLocaleString('en-US').padEnd(6)}
      {agent.worstSeverity === undefined ? (
        <Text dimColor> - </Text>
      ) : (
        <SeverityLabel severity={agent.worstSeverity} />
      )}
    </Text>
  );
}

/** Every agent with its reach (actions it can perform / actions it declared) and worst severity. */
export function AgentsPane(props: {
  readonly agents: readonly AgentSummary[];
  readonly totalFindings: number;
  readonly selected: number;
  readonly focused: boolean;
  readonly height: number;
}) {
  const rows = props.height - 4;
  const { start, end } = windowAround(props.selected, props.agents.length + 1, rows);
  const entries = [undefined, ...props.agents].slice(start, end);
  return (
    <Pane
      title={`Agents (${props.agents.length}) reach / declared`}
      focused={props.focused}
      width={AGENTS_WIDTH}
      height={props.height}
    >
      {entries.map((agent, i) =>
        agent === undefined ? (
          <Text key={ALL_AGENTS} inverse={props.selected === start + i}>
            {`${ALL_AGENTS.padEnd(21)}${`${props.totalFindings} findings`.padStart(16)}`}
          </Text>
        ) : (
          <AgentRow key={agent.name} agent={agent} selected={props.selected === start + i} />
        ),
      )}
    </Pane>
  );
}
