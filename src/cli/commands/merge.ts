import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readReportFiles } from '../../ingest/audit-reports/read-audit-reports.js';
import { merge } from '../../pipeline/merge.js';
import { renderEstateJson, renderEstateMarkdown, renderEstateText } from '../../report/estate.js';
import type { CliContext } from '../context.js';
import { parseMergeFlags } from '../options.js';
import { writeDirectory } from '../output.js';

export function registerMerge(program: Command, context: CliContext): void {
  program
    .command('merge')
    .description("combine audit reports (each shard's reports directory) into one, with an estate summary")
    .argument('<dirs...>', 'reports directories written by `audit`')
    .option('--accounts <file>', 'accounts.yaml: name the accounts, and flag those without a report')
    .option('--out <dir>', 'the merged reports directory; the estate goes to DIR/estate/<date>/', 'reports')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (dirs: string[], raw: Record<string, unknown>) => {
      const flags = parseMergeFlags({ ...raw, dirs });
      const { estate, reports } = await merge({
        dirs: flags.dirs,
        ...(flags.accounts === undefined ? {} : { accounts: flags.accounts }),
        today: context.today,
      });
      for (const found of reports) {
        const target = join(flags.out, found.accountId, found.date);
        if (resolve(target) !== resolve(found.dir))
          await writeDirectory(target, await readReportFiles(found));
      }
      const dir = join(flags.out, 'estate', estate.date);
      await writeDirectory(
        dir,
        new Map([
          ['estate.json', [renderEstateJson(estate)]],
          ['estate.md', [renderEstateMarkdown(estate)]],
        ]),
      );
      context.stdout(renderEstateText(estate));
      context.stderr(
        `${reports.length} account reports merged into ${flags.out}/; estate written to ${dir}/\n`,
      );
      context.setExitCode(estate.summary.missing > 0 ? 2 : estate.summary.failed ? 1 : 0);
    });
}
