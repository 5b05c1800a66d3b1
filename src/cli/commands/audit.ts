import { join } from 'node:path';
import type { Command } from 'commander';
import type { LiveAccountOptions } from '../../ingest/aws-live/read-live-account.js';
import { type AccountSource, audit } from '../../pipeline/audit.js';
import { renderHtml } from '../../report/html.js';
import { renderJson } from '../../report/json.js';
import { renderMarkdown } from '../../report/markdown.js';
import { renderSarif } from '../../report/sarif.js';
import { renderText } from '../../report/text.js';
import type { CliContext } from '../context.js';
import { type AuditFlags, FAIL_ON_CHOICES, parseAuditFlags } from '../options.js';
import { writeDirectory, writeOutput } from '../output.js';

/** report.md lists findings up to this size; report.json and report.sarif hold every one. */
const REPORT_MARKDOWN_LIMIT = 2_000_000;

export function registerAudit(program: Command, context: CliContext): void {
  program
    .command('audit')
    .description(
      'audit an AWS account (a snapshot or the live account) against blast-radius.yaml and write dated reports',
    )
    .option('--account <file>', 'account snapshot: the JSON of `aws iam get-account-authorization-details`')
    .option('--live', 'read the live account through the AWS API (IAM and STS)')
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
      '--fail-on <severity>',
      `exit 1 when a new finding is at or above: ${FAIL_ON_CHOICES.join(', ')} (default: the config's rules.fail-on, else high)`,
    )
    .option('--no-color', 'plain text summary')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (raw: unknown) => {
      const flags = parseAuditFlags(raw);
      const result = await audit({
        source: accountSource(flags, context),
        ...(flags.config === undefined ? {} : { config: flags.config }),
        ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }),
        ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
        today: context.today,
        version: context.version,
      });
      const { report } = result;
      if (flags.saveSnapshot && result.snapshot)
        await writeOutput(flags.saveSnapshot, `${JSON.stringify(result.snapshot, null, 2)}\n`);
      const dir = join(flags.out, result.accountId, context.today);
      await writeDirectory(
        dir,
        new Map([
          ['report.json', renderJson(report)],
          [
            'report.md',
            [
              renderMarkdown(report, {
                limit: REPORT_MARKDOWN_LIMIT,
                elsewhere: 'report.json and report.sarif',
              }),
            ],
          ],
          ['report.sarif', [renderSarif(report)]],
          ['report.html', renderHtml(report)],
        ]),
      );
      context.stdout(renderText(report, { color: flags.color && context.colorSupported, summaryOnly: true }));
      context.stderr(`reports written to ${dir}/ (report.json, report.md, report.sarif, report.html)\n`);
      context.setExitCode(report.summary.failed ? 1 : 0);
    });
}

function accountSource(flags: AuditFlags, context: CliContext): AccountSource {
  if (flags.account !== undefined) return { kind: 'snapshot', file: flags.account };
  const options: LiveAccountOptions = {
    ...(flags.profile === undefined ? {} : { profile: flags.profile }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.endpointUrl === undefined ? {} : { endpointUrl: flags.endpointUrl }),
    ...(flags.roleArn === undefined ? {} : { roleArn: flags.roleArn }),
    ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
    onProgress: (message) => context.stderr(`${message}\n`),
  };
  return { kind: 'live', options };
}
