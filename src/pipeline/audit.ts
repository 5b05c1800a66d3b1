import type { Analysis } from '../graph/analysis.js';
import {
  accountSnapshotInventory,
  readAccountSnapshot,
} from '../ingest/account-snapshot/read-account-snapshot.js';
import type { AuthorizationDetailsJson, LiveAccountOptions } from '../ingest/aws-live/read-live-account.js';
import { latestReport } from '../ingest/baseline/latest-report.js';
import { readBaseline } from '../ingest/baseline/read-baseline.js';
import type { Inventory } from '../model/inventory.js';
import { LIVE_ACCOUNT, type Report, type ReportInputs } from '../model/report.js';
import type { FailOn } from '../model/severity.js';
import { runRules } from '../rules/engine.js';
import { RULES } from '../rules/registry.js';
import { buildReport } from './build-report.js';
import type { PipelineStep } from './check.js';
import {
  analyseWorld,
  type Declarations,
  declarationDiagnostics,
  readDeclarations,
  toolInfo,
} from './inputs.js';

/** Where the account comes from: a snapshot file, or the live account through the AWS API. */
export type AccountSource =
  | { readonly kind: 'snapshot'; readonly file: string }
  | { readonly kind: 'live'; readonly options: LiveAccountOptions };

export interface AuditOptions {
  readonly source: AccountSource;
  readonly config?: string;
  /** The config and catalog, already read (an audit of many accounts reads them once). */
  readonly declarations?: Declarations;
  readonly failOn?: FailOn;
  /** Any input not fully interpreted fails the gate; default the config's `rules.strict`. */
  readonly strict?: boolean;
  /** A previous report.json: only findings it does not hold count; the ones it holds and are gone are fixed. */
  readonly baseline?: string;
  /** Earlier reports: the account's newest `<dir>/<account>/<date>/report.json`, if any, is the baseline. */
  readonly baselineDir?: string;
  readonly today: string;
  readonly version: string;
  readonly onStep?: (step: PipelineStep) => void;
}

export interface AuditResult {
  readonly report: Report;
  readonly after: Analysis;
  /** The audited account: the directory its reports go to. */
  readonly accountId: string;
  /** The account as read from the AWS API (live audits), for `--save-snapshot`. */
  readonly snapshot?: AuthorizationDetailsJson;
}

interface Account {
  readonly inventory: Inventory;
  readonly inputs: ReportInputs;
  readonly accountId: string;
  readonly snapshot?: AuthorizationDetailsJson;
}

async function readAccount(source: AccountSource): Promise<Account> {
  if (source.kind === 'snapshot') {
    const inventory = await readAccountSnapshot(source.file);
    const accountId = inventory.accountIds[0] ?? 'unknown-account';
    return { inventory, accountId, inputs: { account: source.file, accountId } };
  }
  // the AWS SDK loads only for a live audit: a snapshot audit starts without it
  const { readLiveAccount } = await import('../ingest/aws-live/read-live-account.js');
  const live = await readLiveAccount(source.options);
  const inventory = await accountSnapshotInventory(live.snapshot, LIVE_ACCOUNT);
  return {
    inventory,
    accountId: live.accountId,
    snapshot: live.snapshot,
    inputs: { account: LIVE_ACCOUNT, accountId: live.accountId, auditor: live.auditor },
  };
}

/**
 * The `audit` pipeline: the account as it is (a snapshot or the live account) judged against the
 * declarations, every rule that needs no plan; with a baseline, new, unchanged and fixed findings.
 */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const step = options.onStep ?? (() => undefined);
  step('reading the account');
  const declarations = options.declarations ?? (await readDeclarations(options.config));
  const account = await readAccount(options.source);
  const baselineFile =
    options.baseline ??
    (options.baselineDir === undefined
      ? undefined
      : await latestReport(options.baselineDir, account.accountId));
  const baseline = baselineFile === undefined ? undefined : await readBaseline(baselineFile);
  step('expanding policies and building the graph');
  const after = analyseWorld(declarations, account.inventory);
  const { catalog, config } = declarations;
  const settings = {
    ...config.rules,
    failOn: options.failOn ?? config.rules.failOn,
    strict: options.strict ?? config.rules.strict,
  };
  step('running the rules');
  const findings = runRules(RULES, { catalog, config, after }, settings, options.today);
  const report = buildReport({
    tool: toolInfo(declarations, options.version),
    catalog,
    inputs: {
      ...account.inputs,
      ...(declarations.configFound ? { config: config.file } : {}),
      ...(baselineFile === undefined ? {} : { baseline: baselineFile }),
    },
    failOn: settings.failOn,
    strict: settings.strict,
    after,
    findings,
    diagnostics: [...account.inventory.diagnostics, ...declarationDiagnostics(declarations, options.today)],
    ...(baseline === undefined ? {} : { baseline }),
  });
  return {
    report,
    after,
    accountId: account.accountId,
    ...(account.snapshot === undefined ? {} : { snapshot: account.snapshot }),
  };
}
