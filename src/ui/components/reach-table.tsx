import { Box, Text } from 'ink';
import type { ServiceReach } from '../../pipeline/reach-by-service.js';
import { truncateTo } from './window.js';

/** An agent's reach by service: over-reach (actions beyond the declaration) first, in red. */
export function ReachTable(props: {
  readonly agent: string;
  readonly reach: readonly ServiceReach[];
  readonly height: number;
}) {
  const rows = props.reach.slice(0, Math.max(1, props.height - 2));
  return (
    <Box flexDirection="column">
      <Text bold>{`${props.agent}: reach by service (${props.reach.length} services)`}</Text>
      <Text
        dimColor
      >{`${'SERVICE'.padEnd(20)}${'REACH'.padStart(7)}${'DECLARED'.padStart(10)}${'BEYOND'.padStart(8)}  CAPABILITIES`}</Text>
      {rows.map((r) => (
        <Text key={r.service} wrap="truncate">
          {truncateTo(r.service, 19).padEnd(20)}
          {String(r.actions).padStart(7)}
          {String(r.declared).padStart(10)}
          <Text color={r.undeclared > 0 ? 'red' : 'green'}>{String(r.undeclared).padStart(8)}</Text>
          {`  ${r.capabilities.join(', ')}`}
        </Text>
      ))}
      {props.reach.length > rows.length ? (
        <Text dimColor>{`and ${props.reach.length - rows.length} more services`}</Text>
      ) : null}
    </Box>
  );
}
