import type { BruteForceResult } from './brute-force.js';
import { SAMPLE_ACTIONS, SAMPLE_ARN } from './sample.js';
import type { SnapshotCounts } from './snapshot.js';
import type { Stage } from './stage-names.js';

export type Status = 'ok' | 'timeout' | 'failed' | 'skipped';

export interface StageResult {
  readonly stage: Stage;
  readonly status: Status;
  /** parse, audit and check: their own time; ingest to rules: the time of every stage up to this one. */
  readonly ms: number | null;
  /** This stage's own share of `ms` (null for audit and check, measured from outside). */
  readonly incrementMs: number | null;
  readonly mb: number | null;
  readonly error: string | null;
}

export interface SizeResult extends SnapshotCounts {
  readonly size: string;
  readonly stages: readonly StageResult[];
}

export interface BruteForceRow {
  readonly size: string;
  readonly status: Status;
  readonly error: string | null;
  readonly result: BruteForceResult | null;
}

const integer = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function stageRows(size: SizeResult): string[][] {
  const counts = [
    size.size,
    integer(size.roles),
    integer(size.principals),
    integer(size.attachments),
    integer(size.customerPolicies),
  ];
  return size.stages.map((s, i) => [
    ...(i === 0 ? counts : counts.map(() => '')),
    s.stage,
    s.status === 'ok' ? integer(s.ms) : s.status,
    integer(s.incrementMs),
    integer(s.mb),
  ]);
}

const STAGES_LEGEND =
  'ms: parse, audit and check alone, ingest to rules with every stage before them; stage ms: its own share, ' +
  "in the same process. check: a 500-resource plan over the account, JSON out. MB: the process's peak RSS.";

export function stagesTable(sizes: readonly SizeResult[]): string {
  const header = [
    'size',
    'roles',
    'principals',
    'attachments',
    'customer policies',
    'stage',
    'ms',
    'stage ms',
    'MB',
  ];
  return `${table(header, sizes.flatMap(stageRows))}\n\n${STAGES_LEGEND}`;
}

function comparisonRow(row: BruteForceRow): string[] {
  const r = row.result;
  if (!r) return [row.size, ...Array.from({ length: 9 }, () => '—'), `${row.status}: ${row.error ?? ''}`];
  return [
    row.size,
    `${integer(r.principalsTimed)} of ${integer(r.principals)}`,
    integer(r.requests),
    integer(r.iamSimulateMs),
    integer(r.oursMs),
    `${integer(r.iamSimulateMs / r.oursMs)}×`,
    integer(r.agree),
    integer(r.disagree),
    integer(r.refused),
    r.extrapolated ? `times extrapolated from ${r.principalsTimed} principals` : 'every principal timed',
  ];
}

function disagreementLines(rows: readonly BruteForceRow[]): string[] {
  return rows.flatMap((row) =>
    Object.entries(row.result?.disagreements ?? {}).map(
      ([kind, d]) => `- ${row.size}: ${kind}: ${integer(d.count)}, e.g. ${d.example}`,
    ),
  );
}

const COMPARISON_LEGEND = [
  `Requests: each user and role x every k-th action of the sorted catalog (${SAMPLE_ACTIONS}) on \`*\`, and those`,
  `of them that apply to it on ${SAMPLE_ARN}. Times are for every principal; ratio is iam-simulate / ours.`,
  'Expected differences: iam-simulate allows an action on `*` when it is allowed on some resource (ours: only a',
  'grant on every resource), and evaluates conditions against an empty request context (ours: a conditional Allow',
  'counts as allowing, a conditional Deny never denies).',
];

export function comparisonTable(rows: readonly BruteForceRow[]): string {
  const header = [
    'size',
    'principals timed',
    'requests',
    'iam-simulate ms (all principals)',
    'ours ms (all principals)',
    'ratio',
    'agree',
    'disagree',
    'refused by iam-simulate',
    'note',
  ];
  const kinds = disagreementLines(rows);
  return [
    table(header, rows.map(comparisonRow)),
    '',
    ...COMPARISON_LEGEND,
    ...(kinds.length > 0 ? ['', 'Disagreements:', ...kinds] : []),
  ].join('\n');
}
