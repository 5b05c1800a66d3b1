import { Box, Text } from 'ink';
import type { ReportFinding } from '../../model/report.js';
import { compressActions } from '../../report/compress.js';
import { hopLabel } from '../../report/hop-label.js';
import { statementText } from '../../report/text.js';
import { SeverityLabel } from './severity.js';

/** One finding: message, the path hop by hop, the granting statements, the plan change, its state. */
export function FindingDetail({ finding }: { readonly finding: ReportFinding }) {
  const { evidence } = finding;
  const first = evidence.path[0];
  const path =
    first === undefined ? [] : [first.from, ...evidence.path.map((hop) => `└─${hopLabel(hop)}→ ${hop.to}`)];
  return (
    <Box flexDirection="column">
      <Text>
        <SeverityLabel severity={finding.severity} /> <Text bold>{finding.rule}</Text> {finding.title}
      </Text>
      <Text wrap="wrap">{finding.message}</Text>
      {path.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text dimColor>path</Text>
          {path.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a hop's position in the path is its identity
            <Text key={i} wrap="truncate">
              {`${'  '.repeat(i)}${line}`}
            </Text>
          ))}
        </Box>
      ) : null}
      {evidence.actions.length > 0 ? (
        <Text wrap="truncate">
          <Text dimColor>{`${evidence.actions.length} actions `}</Text>
          {compressActions(evidence.actions)}
        </Text>
      ) : null}
      {evidence.resources.length > 0 ? (
        <Text wrap="truncate">
          <Text dimColor>resources </Text>
          {evidence.resources.join(', ')}
        </Text>
      ) : null}
      {evidence.statements.map((ref) => (
        <Text key={`${ref.policyId}#${ref.statementIndex}`} wrap="truncate">
          <Text dimColor>granted by </Text>
          {statementText(ref)}
        </Text>
      ))}
      {finding.address === undefined ? null : (
        <Text wrap="truncate">
          <Text dimColor>plan change </Text>
          {finding.address}
        </Text>
      )}
      <Text dimColor>
        {finding.baseline
          ? 'in the baseline: does not count toward the exit code'
          : 'new: counts toward the exit code'}
        {` · id ${finding.id}`}
      </Text>
    </Box>
  );
}
