import { readBaseline } from '../ingest/baseline/read-baseline.js';
import type { Config } from '../model/config.js';
import type { Report } from '../model/report.js';
import type { FailOn } from '../model/severity.js';
import type { Diagnostic } from '../model/source.js';
import { runRules } from '../rules/engine.js';
import { RULES } from '../rules/registry.js';
import { buildReport } from './build-report.js';
import { analyseWorld, type InputOptions, readInputs, reportInputs, toolInfo } from './inputs.js';

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
  const diagnostics: Diagnostic[] = [
    ...plan.diagnostics,
    ...(inputs.configFound ? [] : [noConfigDiagnostic()]),
    ...expiredIgnores(config, options.today),
  ];
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

function noConfigDiagnostic(): Diagnostic {
  return {
    code: 'config.not-found',
    message: 'no blast-radius.yaml: no agents are declared, so only plan-level rules ran',
    location: { file: 'blast-radius.yaml' },
  };
}

/**
 * One diagnostic per `rules.ignore` entry whose `expires` day is before today: it no longer
 * suppresses anything, whether or not it would still match a finding, so it is stale config.
 */
function expiredIgnores(config: Config, today: string): Diagnostic[] {
  return config.rules.ignore.flatMap((entry, index) => {
    if (entry.expires === undefined || entry.expires >= today) return [];
    const scope = entry.agent === undefined ? entry.rule : `${entry.rule} for ${entry.agent}`;
    return [
      {
        code: 'config.ignore-expired',
        message: `the ignore entry for ${scope} ("${entry.reason}") expired on ${entry.expires} and no longer suppresses findings; renew or remove it`,
        location: entry.source ?? { file: config.file, path: `rules.ignore[${index}]` },
      },
    ];
  });
}
