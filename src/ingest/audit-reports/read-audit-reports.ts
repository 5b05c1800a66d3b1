import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { compareText } from '../../model/order.js';
import type { Report } from '../../model/report.js';
import { SEVERITIES } from '../../model/severity.js';
import { readJsonFile } from '../json-file.js';
import { formatIssuePath, formatZodIssues } from '../zod-issues.js';

const ACCOUNT = /^\d{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HINT = 'pass directories written by `blast-radius audit` (reports/<account>/<date>/report.json)';

const count = z.number().int().min(0);

/** What merging needs of a report.json: its summary and its agents; the rest is not read, so not checked. */
const auditReportSchema = z.looseObject({
  schemaVersion: z.literal(1),
  inputs: z.looseObject({ accountId: z.string().regex(ACCOUNT) }),
  summary: z.looseObject({
    findings: count,
    baselined: count.optional(),
    fixed: count.optional(),
    bySeverity: z.strictObject(
      Object.fromEntries(SEVERITIES.map((s) => [s, count])) as Record<string, typeof count>,
    ),
    maxSeverity: z.enum([...SEVERITIES, 'none']),
    failOn: z.enum([...SEVERITIES, 'none']),
    failed: z.boolean(),
  }),
  agents: z.array(z.unknown()),
});

/** One account's newest report in a reports directory, with every file of its dated directory. */
export interface AuditReportDir {
  readonly accountId: string;
  readonly date: string;
  /** The dated directory: `<root>/<account>/<date>`. */
  readonly dir: string;
  readonly files: readonly string[];
  readonly report: Pick<Report, 'summary' | 'agents'>;
}

async function entries(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort(compareText);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'error';
    throw new InputError('input.unreadable', `cannot read the reports directory (${code})`, {
      location: { file: dir },
      hint: HINT,
    });
  }
}

async function readAuditReport(file: string, accountId: string): Promise<Pick<Report, 'summary' | 'agents'>> {
  const { value } = await readJsonFile(file, { what: 'the audit report', code: 'report', hint: HINT });
  const parsed = auditReportSchema.safeParse(value);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path ?? [];
    throw new InputError('report.invalid', formatZodIssues(parsed.error.issues), {
      location: { file, ...(path.length > 0 ? { path: formatIssuePath(path) } : {}) },
      hint: HINT,
    });
  }
  if (parsed.data.inputs.accountId !== accountId)
    throw new InputError('report.misplaced', `the report is of the account ${parsed.data.inputs.accountId}`, {
      location: { file, path: 'inputs.accountId' },
      hint: `it is filed under ${accountId}/: reports go to <account>/<date>/`,
    });
  return parsed.data as unknown as Pick<Report, 'summary' | 'agents'>;
}

/** The newest dated report of each account in one reports directory. */
async function reportsIn(root: string): Promise<AuditReportDir[]> {
  const found: AuditReportDir[] = [];
  for (const accountId of (await entries(root)).filter((name) => ACCOUNT.test(name))) {
    const dates = (await entries(join(root, accountId))).filter((name) => DATE.test(name));
    for (const date of dates.reverse()) {
      const dir = join(root, accountId, date);
      const files = (await readdir(dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name)
        .sort(compareText);
      if (!files.includes('report.json')) continue;
      found.push({
        accountId,
        date,
        dir,
        files,
        report: await readAuditReport(join(dir, 'report.json'), accountId),
      });
      break;
    }
  }
  return found;
}

/** Two copies of one report (a merged tree merged again) are the same report. */
async function sameReport(a: AuditReportDir, b: AuditReportDir): Promise<boolean> {
  const [left, right] = await Promise.all([a, b].map((r) => readFile(join(r.dir, 'report.json'), 'utf8')));
  return left === right;
}

/**
 * Every account's newest audit report across reports directories (the artifacts of a sharded
 * audit), in order of account id. An account with two different reports of one date is an error.
 *
 * @throws InputError naming the directory or the report file (exit code 2).
 */
export async function readAuditReports(roots: readonly string[]): Promise<readonly AuditReportDir[]> {
  const newest = new Map<string, AuditReportDir>();
  for (const root of roots) {
    for (const found of await reportsIn(root)) {
      const other = newest.get(found.accountId);
      if (other !== undefined && other.date === found.date && !(await sameReport(other, found)))
        throw new InputError(
          'merge.duplicate-account',
          `the account ${found.accountId} has a report of ${found.date} in two directories, and they differ (also ${other.dir})`,
          {
            location: { file: found.dir },
            hint: 'each shard audits different accounts: check the --shard values',
          },
        );
      if (other === undefined || other.date < found.date) newest.set(found.accountId, found);
    }
  }
  return [...newest.values()].sort((a, b) => compareText(a.accountId, b.accountId));
}

/** A report directory's files, as text, to copy into the merged reports. */
export async function readReportFiles(found: AuditReportDir): Promise<Map<string, string[]>> {
  const files = new Map<string, string[]>();
  for (const name of found.files) files.set(name, [await readFile(join(found.dir, name), 'utf8')]);
  return files;
}
