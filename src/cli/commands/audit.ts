import { join } from 'node:path';
import type { Command } from 'commander';
import { formatError } from '../../errors.js';
import type { LiveAccountOptions } from '../../ingest/aws-live/read-live-account.js';
import { type AccountSource, type AuditResult, audit } from '../../pipeline/audit.js';
import { accountsToAudit, auditAccounts } from '../../pipeline/audit-accounts.js';
import { estateAccount, estateOf } from '../../pipeline/estate.js';
import { renderEstateText } from '../../report/estate.js';
import { htmlChunks } from '../../report/html.js';
import { jsonChunks } from '../../report/json.js';
import { renderMarkdown } from '../../report/markdown.js';
import { sarifChunks } from '../../report/sarif.js';
import { renderText } from '../../report/text.js';
import type { CliContext } from '../context.js';
import { type AuditFlags, FAIL_ON_CHOICES, parseAuditFlags, STRICT_HELP } from '../options.js';
import { writeDirectory, writeOutput } from '../output.js';
import { reportStrictFailure } from '../strict.js';

/** report.md lists findings up to this size; report.json and report.sarif hold every one. */
const REPORT_MARKDOWN_LIMIT = 2_000_000;
const DEFAULT_CONCURRENCY = 4;

export function registerAudit(program: Command, context: CliContext): void {
  program
    .command('audit')
    .description(
      'audit an AWS account (a snapshot or the live account) against blast-radius.yaml and write dated reports',
    )
    .option('--account <file>', 'account snapshot: the JSON of `aws iam get-account-authorization-details`')
    .option('--live', 'read the live account through the AWS API (IAM and STS)')
    .option(
      '--accounts <file>',
      'accounts.yaml: audit each account listed (through its role, or its snapshot)',
    )
    .option('--shard <i/n>', 'with --accounts: audit only the i-th of n slices (a CI matrix job each)')
    .option('--concurrency <n>', 'with --accounts: accounts audited at once (default 4)')
    .option('--profile <name>', 'with --live: the AWS profile (default: the SDK credential chain)')
    .option('--region <region>', 'with --live: the region for STS (IAM is global; default us-east-1)')
    .option('--endpoint-url <url>', 'with --live: one endpoint for IAM and STS (LocalStack, a proxy)')
    .option('--role-arn <arn>', 'with --live: assume this audit role first')
    .option('--external-id <id>', 'with --role-arn: the external id the role requires')
    .option(
      '--save-snapshot <file>',
      'with --live: also write the collected snapshot, to replay the audit offline',
    )
    .option('--config <file>', 'blast-radius.yaml (default: ./blast-radius.yaml if present)')
    .option('--out <dir>', 'reports go to DIR/<account>/<UTC date>/', 'reports')
    .option(
      '--baseline <report.json>',
      'a previous report.json: only new findings count; gone ones are listed as fixed',
    )
    .option(
      '--baseline-dir <dir>',
      "an earlier run's reports directory: each account's newest report.json there is its baseline",
    )
    .option(
      '--fail-on <severity>',
      `exit 1 when a new finding is at or above: ${FAIL_ON_CHOICES.join(', ')} (default: the config's rules.fail-on, else high)`,
    )
    .option('--strict', STRICT_HELP)
    .option('--no-strict', "do not fail on inputs not fully interpreted, whatever the config's rules.strict")
    .option('--no-color', 'plain text summary')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (raw: unknown) => {
      const flags = parseAuditFlags(raw);
      if (flags.accounts === undefined) await auditOne(flags, context);
      else await auditMany(flags, flags.accounts, context);
    });
}

async function auditOne(flags: AuditFlags, context: CliContext): Promise<void> {
  const result = await audit({
    source: accountSource(flags, context),
    ...(flags.config === undefined ? {} : { config: flags.config }),
    ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }),
    ...(flags.strict === undefined ? {} : { strict: flags.strict }),
    ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
    ...(flags.baselineDir === undefined ? {} : { baselineDir: flags.baselineDir }),
    today: context.today,
    version: context.version,
  });
  const { report } = result;
  if (flags.saveSnapshot && result.snapshot)
    await writeOutput(flags.saveSnapshot, `${JSON.stringify(result.snapshot, null, 2)}\n`);
  const dir = await writeReports(flags.out, result, context.today);
  context.stdout(renderText(report, { color: flags.color && context.colorSupported, summaryOnly: true }));
  context.stderr(`reports written to ${dir}/ (report.json, report.md, report.sarif, report.html)\n`);
  reportStrictFailure(report.summary, context);
  context.setExitCode(report.summary.failed ? 1 : 0);
}

async function auditMany(flags: AuditFlags, accountsFile: string, context: CliContext): Promise<void> {
  const { listed, selected: accounts } = await accountsToAudit(accountsFile, flags.shard);
  if (flags.shard !== undefined)
    context.stderr(
      `shard ${flags.shard.index}/${flags.shard.count}: ${accounts.length} of ${listed.length} accounts (${accounts.map((a) => a.id).join(', ') || 'none'})\n`,
    );
  const outcomes = await auditAccounts(
    {
      accounts,
      live: { ...awsAccess(flags), onProgress: (message) => context.stderr(`${message}\n`) },
      concurrency: flags.concurrency ?? DEFAULT_CONCURRENCY,
      ...(flags.config === undefined ? {} : { config: flags.config }),
      ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }),
      ...(flags.strict === undefined ? {} : { strict: flags.strict }),
      ...(flags.baselineDir === undefined ? {} : { baselineDir: flags.baselineDir }),
      today: context.today,
      version: context.version,
    },
    async (outcome) => {
      if ('error' in outcome) {
        context.stderr(
          `${formatError(outcome.error).replace(/^blast-radius: /, `blast-radius: ${outcome.entry.id}: `)}\n`,
        );
        return;
      }
      const dir = await writeReports(flags.out, outcome.result, context.today);
      context.stderr(`${outcome.entry.id}: reports written to ${dir}/\n`);
      reportStrictFailure(outcome.result.report.summary, context, outcome.entry.id);
    },
  );
  const estate = estateOf(
    outcomes.map(({ entry, ...outcome }) =>
      'result' in outcome
        ? estateAccount(outcome.result.report, entry.id, context.today, entry.name)
        : {
            accountId: entry.id,
            ...(entry.name === undefined ? {} : { name: entry.name }),
            error: errorLine(outcome.error),
          },
    ),
    context.today,
  );
  context.stdout(renderEstateText(estate));
  context.setExitCode(estate.summary.missing > 0 ? 2 : estate.summary.failed ? 1 : 0);
}

function errorLine(error: unknown): string {
  return (
    formatError(error)
      .replace(/^blast-radius: /, '')
      .split('\n')[0] ?? ''
  );
}

async function writeReports(out: string, result: AuditResult, today: string): Promise<string> {
  const dir = join(out, result.accountId, today);
  const { report } = result;
  // report.json, .sarif and .html are rendered while they are written, a chunk at a time (report.md is at most 2 MB)
  await writeDirectory(
    dir,
    new Map<string, Iterable<string>>([
      ['report.json', jsonChunks(report)],
      [
        'report.md',
        [renderMarkdown(report, { limit: REPORT_MARKDOWN_LIMIT, elsewhere: 'report.json and report.sarif' })],
      ],
      ['report.sarif', sarifChunks(report)],
      ['report.html', htmlChunks(report)],
    ]),
  );
  return dir;
}

function awsAccess(flags: AuditFlags): Pick<LiveAccountOptions, 'profile' | 'region' | 'endpointUrl'> {
  return {
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.endpointUrl === undefined ? {} : { endpointUrl: flags.endpointUrl }),
  };
}

function accountSource(flags: AuditFlags, context: CliContext): AccountSource {
  if (flags.account !== undefined) return { kind: 'snapshot', file: flags.account };
  const options: LiveAccountOptions = {
    ...awsAccess(flags),
    ...(flags.roleArn === undefined ? {} : { roleArn: flags.roleArn }),
    ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
    onProgress: (message) => context.stderr(`${message}\n`),
  };
  return { kind: 'live', options };
}
