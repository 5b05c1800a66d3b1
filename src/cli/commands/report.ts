import type { Command } from 'commander';
import { type ExploreOptions, explore } from '../../pipeline/explore.js';
import { locateFindings } from '../../pipeline/locate-findings.js';
import { renderText } from '../../report/text.js';
import type { CliContext } from '../context.js';
import { collectRepeated, inputOptionsOf, parseReportFlags } from '../options.js';
import { writeOutput } from '../output.js';

export function registerReport(program: Command, context: CliContext): void {
  program
    .command('report')
    .description(
      'explore agents, reach, findings and paths interactively (a plan, an account snapshot, or both)',
    )
    .option('--plan <file>', 'Terraform plan JSON (terraform show -json plan.out)')
    .option(
      '--hcl <dir>',
      'the Terraform root module: without --plan, analyse its .tf files; with it, where findings are shown',
    )
    .option('--var-file <file>', 'with --hcl and no --plan: a .tfvars file (repeatable)', collectRepeated)
    .option(
      '--account <file>',
      'an account snapshot (aws iam get-account-authorization-details): alone, audited as `audit` does; with --plan, the world the plan is read over',
    )
    .option('--config <file>', 'blast-radius.yaml (default: ./blast-radius.yaml if present)')
    .option('--export-file <file>', '`e` writes the current view as markdown here', 'blast-radius-view.md')
    .option('--no-color', 'plain text when not interactive')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (raw: unknown) => {
      const flags = parseReportFlags(raw);
      const options: ExploreOptions = {
        ...inputOptionsOf(flags),
        ...(flags.account === undefined ? {} : { account: flags.account }),
        today: context.today,
        version: context.version,
      };
      if (!context.interactive) {
        // not a terminal (a pipe, a CI log): the text report `check --format text` prints
        const { report, blocks } = await explore(options);
        const locations = await locateFindings(report, {
          root: process.cwd(),
          ...(flags.hcl ? { terraformDir: flags.hcl } : {}),
          ...(blocks === undefined ? {} : { blocks }),
        });
        context.stdout(renderText(report, { color: flags.color && context.colorSupported, locations }));
        context.setExitCode(report.summary.failed ? 1 : 0);
        return;
      }
      // React and Ink load their development builds unless told otherwise, several times slower a frame
      process.env.NODE_ENV ??= 'production';
      const { runInteractiveReport } = await import('../../ui/run-report.js');
      await runInteractiveReport({
        load: (onStep) => explore({ ...options, onStep }),
        onExport: async (markdown) => {
          await writeOutput(flags.exportFile, markdown);
          return `view written to ${flags.exportFile}`;
        },
      });
    });
}
