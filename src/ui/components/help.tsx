import { Box, Text } from 'ink';

const LINES: readonly [string, string][] = [
  ['↑ ↓  j k', 'move in the pane'],
  ['tab', 'next pane: agents, findings, detail'],
  ['enter', "open: an agent's reach by service, or a finding's path and statements"],
  ['/', 'search findings (rule, title, message, agent, principal, resource); enter keeps it, esc clears'],
  ['s', 'severity filter: all, then at or above critical, high, medium, low'],
  ['r', 'rule filter: each rule with findings in turn, then all'],
  ['g  G', 'first, last'],
  ['e', 'write the current view as markdown to a file'],
  ['?', 'this help (any key closes it)'],
  ['q', 'quit'],
];

export function Help() {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1}>
      <Text bold>blast-radius report: keys</Text>
      {LINES.map(([keys, what]) => (
        <Text key={keys}>
          <Text color="cyan">{keys.padEnd(10)}</Text>
          {what}
        </Text>
      ))}
    </Box>
  );
}
