import type { Analysis } from '../graph/analysis.js';
import { readBaseline } from '../ingest/baseline/read-baseline.js';
import type { Report } from '../model/report.js';
import type { FailOn } from '../model/severity.js';
import type { Diagnostic, SourceLocation } from '../model/source.js';
import { runRules } from '../rules/engine.js';
import { RULES } from '../rules/registry.js';
import { buildReport } from './build-report.js';
import {
  analyseWorld,
  declarationDiagnostics,
  type InputOptions,
  readInputs,
  reportInputs,
  toolInfo,
} from './inputs.js';

/** A step of a pipeline, as a progress display names it. */
export type PipelineStep =
  | 'reading the plan'
  | 'reading the account'
  | 'expanding policies and building the graph'
  | 'running the rules';

/** A report and the world it judged. */
export interface Judged {
  readonly report: Report;
  readonly after: Analysis;
  /** HCL mode: the .tf block of every resource address, for locating findings. */
  readonly blocks?: ReadonlyMap<string, SourceLocation>;
}

export interface CheckOptions extends InputOptions {
  readonly failOn?: FailOn;
  /** Any input not fully interpreted fails the gate; default the config's `rules.strict`. */
  readonly strict?: boolean;
  /** A previous JSON report: findings whose id it holds do not count toward the exit code. */
  readonly baseline?: string;
  /** Today's date (YYYY-MM-DD): decides which `rules.ignore` entries have expired. */
  readonly today: string;
  readonly version: string;
  /** Told each step as it starts, for a progress display. */
  readonly onStep?: (step: PipelineStep) => void;
}

/** The `check` pipeline: read the plan and declarations, build both worlds, run the rules, report. */
export async function check(options: CheckOptions): Promise<Report> {
  return (await checkAnalysis(options)).report;
}

/** `check`, with the world after the plan it judged (for views that show more than the report). */
export async function checkAnalysis(options: CheckOptions): Promise<Judged> {
  const step = options.onStep ?? (() => undefined);
  step('reading the plan');
  const inputs = await readInputs('check', options);
  const baseline = options.baseline === undefined ? undefined : await readBaseline(options.baseline);
  const { catalog, config, plan } = inputs;
  step('expanding policies and building the graph');
  const after = analyseWorld(inputs, plan.after);
  // HCL mode has no world before a plan: the rules that compare before and after have nothing to judge
  const before = inputs.fromHcl ? undefined : analyseWorld(inputs, plan.before, config, after);
  const settings = {
    ...config.rules,
    failOn: options.failOn ?? config.rules.failOn,
    strict: options.strict ?? config.rules.strict,
  };
  step('running the rules');
  const context = { catalog, config, after, plan, ...(before === undefined ? {} : { before }) };
  const findings = runRules(RULES, context, settings, options.today);
  const diagnostics: Diagnostic[] = [...plan.diagnostics, ...declarationDiagnostics(inputs, options.today)];
  const report = buildReport({
    tool: toolInfo(inputs, options.version),
    catalog,
    inputs: {
      ...reportInputs(inputs),
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    },
    failOn: settings.failOn,
    strict: settings.strict,
    after,
    // HCL mode: no plan, so no changes to count or list
    ...(inputs.fromHcl ? {} : { plan }),
    findings,
    diagnostics,
    ...(baseline === undefined ? {} : { baseline }),
  });
  return { report, after, ...(inputs.blocks === undefined ? {} : { blocks: inputs.blocks }) };
}
