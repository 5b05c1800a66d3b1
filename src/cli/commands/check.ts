import type { Command } from 'commander';
import { checkAnalysis } from '../../pipeline/check.js';
import { locateFindings } from '../../pipeline/locate-findings.js';
import { formatters } from '../../report/index.js';
import type { CliContext } from '../context.js';
import {
  collectRepeated,
  FAIL_ON_CHOICES,
  inputOptionsOf,
  parseCheckFlags,
  STRICT_HELP,
} from '../options.js';
import { writeOutput } from '../output.js';
import { reportStrictFailure } from '../strict.js';

export function registerCheck(program: Command, context: CliContext): void {
  program
    .command('check')
    .description('analyse a Terraform plan against blast-radius.yaml and report findings')
    .option('--plan <file>', 'Terraform plan JSON (terraform show -json plan.out)')
    .option(
      '--hcl <dir>',
      "the Terraform root module: without --plan, analyse its .tf files; with it, SARIF results point at its .tf lines (default: the plan's directory)",
    )
    .option('--var-file <file>', 'with --hcl and no --plan: a .tfvars file (repeatable)', collectRepeated)
    .option(
      '--account <file>',
      'an account snapshot (aws iam get-account-authorization-details) the plan is read over: the world for what the plan does not manage',
    )
    .option('--config <file>', 'blast-radius.yaml (default: ./blast-radius.yaml if present)')
    .option('--format <format>', 'text, json, markdown (the pull request comment), sarif or html', 'text')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--fail-on <severity>',
      `exit 1 when a finding is at or above: ${FAIL_ON_CHOICES.join(', ')} (default: the config's rules.fail-on, else high)`,
    )
    .option('--strict', STRICT_HELP)
    .option('--no-strict', "do not fail on inputs not fully interpreted, whatever the config's rules.strict")
    .option(
      '--baseline <report.json>',
      'a previous JSON report: its findings do not count toward the exit code',
    )
    .option('--no-color', 'plain text output')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (raw: unknown) => {
      const flags = parseCheckFlags(raw);
      const { report, blocks } = await checkAnalysis({
        ...inputOptionsOf(flags),
        ...(flags.failOn === undefined ? {} : { failOn: flags.failOn }),
        ...(flags.strict === undefined ? {} : { strict: flags.strict }),
        ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
        today: context.today,
        version: context.version,
      });
      const color = flags.format === 'text' && flags.color && !flags.output && context.colorSupported;
      // SARIF results, and the `at:` line of text and markdown, point at the .tf block of each finding
      const locations =
        flags.format === 'sarif' || flags.format === 'text' || flags.format === 'markdown'
          ? await locateFindings(report, {
              root: process.cwd(),
              ...(flags.hcl ? { terraformDir: flags.hcl } : {}),
              ...(blocks === undefined ? {} : { blocks }),
            })
          : undefined;
      const chunks = formatters[flags.format](report, { color, ...(locations ? { locations } : {}) });
      if (flags.output) await writeOutput(flags.output, chunks);
      else for (const chunk of chunks) context.stdout(chunk);
      reportStrictFailure(report.summary, context);
      context.setExitCode(report.summary.failed ? 1 : 0);
    });
}
