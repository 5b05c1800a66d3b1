import { readBaseline } from '../ingest/baseline/read-baseline.js';
import type { Report } from '../model/report.js';
import type { FailOn } from '../model/severity.js';
import type { Diagnostic } from '../model/source.js';
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

export interface CheckOptions extends InputOptions {
  readonly failOn?: FailOn;
  /** A previous JSON report: findings whose id it holds do not count toward the exit code. */
  readonly baseline?: string;
  /** Today's date (YYYY-MM-DD): decides which `rules.ignore` entries have expired. */
  readonly today: string;
  readonly version: string;
}

/** The `check` pipeline: read the plan and declarations, build both worlds, run the rules, report. */
export async function check(options: CheckOptions): Promise<Report> {
  const inputs = await readInputs('check', options);
  const baseline = options.baseline === undefined ? undefined : await readBaseline(options.baseline);
  const { catalog, config, plan } = inputs;
  const after = analyseWorld(inputs, plan.after);
  const before = analyseWorld(inputs, plan.before);
  const settings = { ...config.rules, failOn: options.failOn ?? config.rules.failOn };
  const findings = runRules(RULES, { catalog, config, after, before, plan }, settings, options.today);
  const diagnostics: Diagnostic[] = [...plan.diagnostics, ...declarationDiagnostics(inputs, options.today)];
  return buildReport({
    tool: toolInfo(inputs, options.version),
    catalog,
    inputs: {
      ...reportInputs(inputs),
      ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    },
    failOn: settings.failOn,
    after,
    plan,
    findings,
    diagnostics,
    ...(baseline === undefined ? {} : { baseline }),
  });
}
