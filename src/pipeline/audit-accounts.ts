import { BlastRadiusError, InputError } from '../errors.js';
import { type AccountEntry, readAccounts, shardOf } from '../ingest/accounts/read-accounts.js';
import type { LiveAccountOptions } from '../ingest/aws-live/read-live-account.js';
import type { FailOn } from '../model/severity.js';
import { type AccountSource, type AuditResult, audit } from './audit.js';
import { type Declarations, readDeclarations } from './inputs.js';

export interface AccountsAuditOptions {
  readonly accounts: readonly AccountEntry[];
  /** How every live account is reached: profile, region, endpoint; each entry's role is assumed from there. */
  readonly live: Omit<LiveAccountOptions, 'roleArn' | 'externalId'>;
  readonly concurrency: number;
  readonly config?: string;
  readonly failOn?: FailOn;
  /** Any input not fully interpreted fails the gate; default the config's `rules.strict`. */
  readonly strict?: boolean;
  /** Earlier reports: each account's newest `<dir>/<account>/<date>/report.json` is its baseline. */
  readonly baselineDir?: string;
  readonly today: string;
  readonly version: string;
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** The accounts accounts.yaml lists (in order of id) and, with a shard, the ones this shard audits. */
export async function accountsToAudit(
  file: string,
  shard?: Shard,
): Promise<{ readonly listed: readonly AccountEntry[]; readonly selected: readonly AccountEntry[] }> {
  const listed = await readAccounts(file);
  return { listed, selected: shard === undefined ? listed : shardOf(listed, shard) };
}

/** What one account's audit gave: its report, or why it could not be audited. */
export type AccountOutcome =
  | { readonly entry: AccountEntry; readonly result: AuditResult }
  | { readonly entry: AccountEntry; readonly error: unknown };

function sourceOf(entry: AccountEntry, live: AccountsAuditOptions['live']): AccountSource {
  if (entry.snapshot !== undefined) return { kind: 'snapshot', file: entry.snapshot };
  const onProgress = live.onProgress;
  return {
    kind: 'live',
    options: {
      ...live,
      ...(entry.roleArn === undefined ? {} : { roleArn: entry.roleArn }),
      ...(entry.externalId === undefined ? {} : { externalId: entry.externalId }),
      ...(onProgress === undefined
        ? {}
        : { onProgress: (message: string) => onProgress(`${entry.id}: ${message}`) }),
    },
  };
}

async function auditAccount(
  entry: AccountEntry,
  options: AccountsAuditOptions,
  declarations: Declarations,
): Promise<AccountOutcome> {
  try {
    const result = await audit({
      source: sourceOf(entry, options.live),
      declarations,
      ...(options.failOn === undefined ? {} : { failOn: options.failOn }),
      ...(options.strict === undefined ? {} : { strict: options.strict }),
      ...(options.baselineDir === undefined ? {} : { baselineDir: options.baselineDir }),
      today: options.today,
      version: options.version,
    });
    if (result.accountId !== entry.id)
      throw new InputError(
        'audit.account-mismatch',
        `accounts.yaml lists ${entry.id}, but what was read is the account ${result.accountId}`,
      );
    return { entry, result };
  } catch (error) {
    if (error instanceof BlastRadiusError) return { entry, error };
    throw error;
  }
}

/**
 * Audits each account in turn, at most `concurrency` at once. One account that cannot be read
 * does not stop the others: its outcome holds the error. `onOutcome` sees each as it completes
 * (to write its reports while the rest run); the result is in order of account id.
 */
export async function auditAccounts(
  options: AccountsAuditOptions,
  onOutcome: (outcome: AccountOutcome) => Promise<void>,
): Promise<readonly AccountOutcome[]> {
  const declarations = await readDeclarations(options.config);
  const outcomes: AccountOutcome[] = new Array(options.accounts.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < options.accounts.length; index = next++) {
      const entry = options.accounts[index] as AccountEntry;
      const outcome = await auditAccount(entry, options, declarations);
      outcomes[index] = outcome;
      await onOutcome(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, options.accounts.length) }, worker));
  return outcomes;
}
