import type { ReportSummary } from './report.js';
import type { Severity } from './severity.js';

/** One account of an estate: the summary of its audit report, or why it has none. */
export type EstateAccount = {
  readonly accountId: string;
  readonly name?: string;
} & (
  | {
      /** The UTC date of its report. */
      readonly date: string;
      /** Its report.json, relative to the estate's reports directory: `<account>/<date>/report.json`. */
      readonly report: string;
      readonly summary: Pick<
        ReportSummary,
        'findings' | 'baselined' | 'fixed' | 'bySeverity' | 'maxSeverity' | 'failOn' | 'failed'
      >;
      readonly agents: number;
    }
  | { readonly error: string }
);

/** Every audited account at once: what `audit --accounts` prints and `merge` writes. */
export interface Estate {
  readonly schemaVersion: 1;
  /** The newest report date. */
  readonly date: string;
  readonly summary: {
    readonly accounts: number;
    /** Accounts without a report: they could not be audited, or their shard wrote none. */
    readonly missing: number;
    /** Accounts whose report fails its fail-on threshold. */
    readonly failing: number;
    readonly findings: number;
    readonly bySeverity: Readonly<Record<Severity, number>>;
    /** Some account fails, or has no report. */
    readonly failed: boolean;
  };
  readonly accounts: readonly EstateAccount[];
}
