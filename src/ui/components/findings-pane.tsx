import { Text } from 'ink';
import type { ReportFinding } from '../../model/report.js';
import { Pane } from './pane.js';
import { SeverityLabel } from './severity.js';
import { truncateTo, windowAround } from './window.js';

/** The findings under the current selection and filters: severity, rule and short title. */
export function FindingsPane(props: {
  readonly findings: readonly ReportFinding[];
  readonly total: number;
  readonly selected: number;
  readonly focused: boolean;
  readonly height: number;
  readonly width: number;
}) {
  const rows = props.height - 4;
  const { start, end } = windowAround(props.selected, props.findings.length, rows);
  const title = `Findings (${props.findings.length} of ${props.total})`;
  return (
    <Pane title={title} focused={props.focused} height={props.height}>
      {props.findings.length === 0 ? <Text dimColor>no findings here</Text> : null}
      {props.findings.slice(start, end).map((f, i) => (
        <Text key={f.id} inverse={props.selected === start + i} wrap="truncate">
          <SeverityLabel severity={f.severity} />
          {` ${truncateTo(f.rule, 22).padEnd(22)} ${truncateTo(f.title, Math.max(10, props.width - 32))}`}
          {f.baseline ? <Text dimColor> (baseline)</Text> : null}
        </Text>
      ))}
    </Pane>
  );
}
