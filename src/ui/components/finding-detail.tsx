import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { ReportFinding } from '../../model/report.js';
import { compressActions } from '../../report/compress.js';
import { hopLabel } from '../../report/hop-label.js';
import { statementText } from '../../report/text.js';
import { SeverityLabel } from './severity.js';

/** Resources shown on the detail's one line: more would never fit, and joining thousands costs a frame. */
const RESOURCES_SHOWN = 20;

/**
 * One finding: message, the path hop by hop, the granting statements (as many as the pane's
 * `height` holds), the plan change, its state. Memoised: a finding with twenty thousand actions is
 * compressed once, not on every key that moves another pane.
 */
export const FindingDetail = memo(function FindingDetail({
  finding,
  height,
}: {
  readonly finding: ReportFinding;
  readonly height: number;
}) {
  const { evidence } = finding;
  const actions = useMemo(() => compressActions(evidence.actions), [evidence.actions]);
  const resources = evidence.resources.slice(0, RESOURCES_SHOWN).join(', ');
  const more = evidence.resources.length - RESOURCES_SHOWN;
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
          {actions}
        </Text>
      ) : null}
      {evidence.resources.length > 0 ? (
        <Text wrap="truncate">
          <Text dimColor>resources </Text>
          {more > 0 ? `${resources} …and ${more} more` : resources}
        </Text>
      ) : null}
      {evidence.statements.slice(0, Math.max(1, height)).map((ref) => (
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
});
