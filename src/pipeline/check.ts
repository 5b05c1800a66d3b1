import { UsageError } from '../errors.js';
import { buildAnalysis } from '../graph/analysis.js';
import { readActionCatalog } from '../ingest/action-catalog/read-catalog.js';
import { loadConfigOrDefault } from '../ingest/config/read-config.js';
import { readPolicyFile } from '../ingest/policy-file/read-policy-file.js';
import { readPlan } from '../ingest/terraform-plan/read-plan.js';
import type { Config } from '../model/config.js';
import type { Report } from '../model/report.js';
import type { FailOn } from '../model/severity.js';
import type { Diagnostic } from '../model/source.js';
import { Catalog } from '../policy/catalog.js';
import type { Guardrail } from '../policy/reach.js';
import { runRules } from '../rules/engine.js';
import { RULES } from '../rules/registry.js';
import { buildReport } from './build-report.js';

export interface CheckOptions {
  readonly plan?: string;
  readonly config?: string;
  readonly failOn?: FailOn;
  /** Today's date (YYYY-MM-DD): decides which `rules.ignore` entries have expired. */
  readonly today: string;
  readonly version: string;
}

/** The `check` pipeline: read the plan and declarations, build both worlds, run the rules, report. */
export async function check(options: CheckOptions): Promise<Report> {
  if (!options.plan) {
    throw new UsageError('usage.missing-plan', 'check needs a plan: --plan plan.json', {
      hint: 'produce it with `terraform plan -out plan.out && terraform show -json plan.out > plan.json`',
    });
  }
  const { config, found } = await loadConfigOrDefault(options.config);
  const plan = await readPlan(options.plan);
  const catalog = new Catalog(readActionCatalog());
  const guardrails = await readGuardrails(config);
  const after = buildAnalysis(catalog, plan.after, config, guardrails);
  const before = buildAnalysis(catalog, plan.before, config, guardrails);
  const settings = { ...config.rules, failOn: options.failOn ?? config.rules.failOn };
  const findings = runRules(RULES, { catalog, config, after, before, plan }, settings, options.today);
  const diagnostics: Diagnostic[] = [
    ...plan.diagnostics,
    ...(found ? [] : [noConfigDiagnostic()]),
    ...unresolvedIdentities(after),
  ];
  return buildReport({
    version: options.version,
    catalog,
    inputs: { plan: options.plan, ...(found ? { config: config.file } : {}) },
    failOn: settings.failOn,
    after,
    plan,
    findings,
    diagnostics,
  });
}

async function readGuardrails(config: Config): Promise<Guardrail[]> {
  const scps = await Promise.all(config.organization.scps.map((file) => readPolicyFile(file, 'scp')));
  return scps.length > 0 ? [{ policies: scps }] : [];
}

function noConfigDiagnostic(): Diagnostic {
  return {
    code: 'config.not-found',
    message: 'no blast-radius.yaml: no agents are declared, so only plan-level rules ran',
    location: { file: 'blast-radius.yaml' },
  };
}

function unresolvedIdentities(after: ReturnType<typeof buildAnalysis>): Diagnostic[] {
  return after.agents.flatMap((a) =>
    a.identities
      .filter((i) => !i.principal)
      .map((i) => ({
        code: 'config.identity-not-found',
        message: `agent ${a.agent.name}: identity ${'arn' in i.ref ? i.ref.arn : `terraform:${i.ref.terraform}`} is not in the inputs, so its reach is unknown`,
        location: a.agent.source,
      })),
  );
}
