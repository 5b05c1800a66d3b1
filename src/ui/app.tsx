import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useState } from 'react';
import type { ReportFinding } from '../model/report.js';
import type { Exploration } from '../pipeline/explore.js';
import { AGENTS_WIDTH, AgentsPane } from './components/agents-pane.js';
import { FindingDetail } from './components/finding-detail.js';
import { FindingsPane } from './components/findings-pane.js';
import { Footer } from './components/footer.js';
import { Help } from './components/help.js';
import { Pane } from './components/pane.js';
import { ReachTable } from './components/reach-table.js';
import { INITIAL_STATE, keyAction, reduceView, type ViewState } from './state.js';
import { viewMarkdown } from './view-markdown.js';
import { agentNames, visibleFindings } from './view-model.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 20;
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface ExplorerProps {
  readonly exploration: Exploration;
  /** Writes the current view's markdown; resolves to what the footer says (the file written). */
  readonly onExport: (markdown: string) => Promise<string>;
  readonly columns: number;
  readonly rows: number;
}

function Header({ exploration }: { readonly exploration: Exploration }) {
  const { report } = exploration;
  const { summary } = report;
  const source = report.inputs.plan ?? report.inputs.hcl ?? report.inputs.account ?? '';
  return (
    <Text wrap="truncate">
      <Text bold>blast-radius</Text>
      {` · ${source} · ${summary.findings} findings: `}
      <Text color="red">{`${summary.bySeverity.critical} critical`}</Text>
      {' · '}
      <Text color="magenta">{`${summary.bySeverity.high} high`}</Text>
      {` · ${summary.bySeverity.medium} medium · ${summary.bySeverity.low} low · `}
      {summary.failed ? (
        <Text color="red">{`FAIL (fail-on ${summary.failOn})`}</Text>
      ) : (
        <Text color="green">pass</Text>
      )}
    </Text>
  );
}

function Detail(props: {
  readonly exploration: Exploration;
  readonly state: ViewState;
  /** The findings pane's list, which the selection indexes. */
  readonly findings: readonly ReportFinding[];
  readonly height: number;
}) {
  const { exploration, state } = props;
  if (state.detail === 'reach') {
    const agent = agentNames(exploration)[state.agent];
    const reach = agent === undefined ? undefined : exploration.reach.get(agent);
    if (reach === undefined)
      return <Text dimColor>select an agent (not all agents) and press enter to see its reach</Text>;
    return <ReachTable agent={agent as string} reach={reach} height={props.height - 2} />;
  }
  const finding = props.findings[state.finding];
  if (finding === undefined) return <Text dimColor>no finding selected</Text>;
  return <FindingDetail finding={finding} height={props.height - 2} />;
}

/** The interactive report: agents, findings and detail panes, driven by one reducer. */
export function Explorer(props: ExplorerProps) {
  const { exploration } = props;
  const { exit } = useApp();
  const [state, dispatch] = useReducer(
    (s: ViewState, a: Parameters<typeof reduceView>[2]) => reduceView(exploration, s, a),
    INITIAL_STATE,
  );
  useInput((input, key) => {
    const action = keyAction(input, key, state);
    if (action === 'quit') exit();
    else if (action === 'export')
      props.onExport(viewMarkdown(exploration, state)).then(
        (text) => dispatch({ type: 'notice', text }),
        (error: unknown) => dispatch({ type: 'notice', text: `export failed: ${(error as Error).message}` }),
      );
    else if (action !== undefined) dispatch(action);
  });
  if (props.columns < MIN_COLUMNS || props.rows < MIN_ROWS)
    return (
      <Text color="yellow">
        {`The terminal is ${props.columns}×${props.rows}; blast-radius report needs at least ${MIN_COLUMNS}×${MIN_ROWS}. Enlarge it, or run \`blast-radius check\` for the text report. q quits.`}
      </Text>
    );
  // one row short of the terminal: Ink redraws a frame as tall as the terminal by clearing it, which flickers
  const findings = visibleFindings(exploration, state);
  const height = props.rows - 1;
  const top = Math.max(8, Math.floor((height - 3) / 2));
  const bottom = height - 3 - top;
  return (
    <Box flexDirection="column" width={props.columns} height={height}>
      <Header exploration={exploration} />
      {state.help ? (
        <Help />
      ) : (
        <>
          <Box height={top}>
            <AgentsPane
              agents={exploration.report.agents}
              totalFindings={exploration.report.findings.length}
              selected={state.agent}
              focused={state.pane === 'agents'}
              height={top}
            />
            <FindingsPane
              findings={findings}
              total={exploration.report.findings.length}
              selected={state.finding}
              focused={state.pane === 'findings'}
              height={top}
              width={props.columns - AGENTS_WIDTH}
            />
          </Box>
          <Pane
            title={state.detail === 'reach' ? 'Reach' : 'Finding'}
            focused={state.pane === 'detail'}
            height={bottom}
          >
            <Detail exploration={exploration} state={state} findings={findings} height={bottom} />
          </Pane>
        </>
      )}
      <Footer state={state} />
    </Box>
  );
}

/** Follows the terminal's size. */
export function SizedExplorer(props: Omit<ExplorerProps, 'columns' | 'rows'>) {
  const { stdout } = useStdout();
  const [size, setSize] = useState({ columns: stdout.columns || MIN_COLUMNS, rows: stdout.rows || MIN_ROWS });
  useEffect(() => {
    const resize = () => setSize({ columns: stdout.columns, rows: stdout.rows });
    stdout.on('resize', resize);
    return () => {
      stdout.off('resize', resize);
    };
  }, [stdout]);
  return <Explorer {...props} columns={size.columns} rows={size.rows} />;
}

/** While the inputs load: a spinner and the step. */
export function Loading({ step }: { readonly step: string }) {
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % SPINNER.length), 80);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text>
      <Text color="cyan">{SPINNER[frame]}</Text>
      {` ${step}…`}
    </Text>
  );
}
