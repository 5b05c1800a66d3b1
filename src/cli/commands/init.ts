import type { Command } from 'commander';
import { init } from '../../pipeline/init.js';
import { plural } from '../../report/compress.js';
import { renderGeneratedConfig } from '../../report/config-yaml.js';
import type { CliContext } from '../context.js';
import { collectRepeated, inputOptionsOf, parseInitFlags } from '../options.js';
import { assertOutputFree, writeOutput } from '../output.js';

export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description(
      "write a blast-radius.yaml whose `may` is each agent's reach today (agents from --config, else principals tagged as agents)",
    )
    .option('--plan <file>', 'Terraform plan JSON (terraform show -json plan.out)')
    .option(
      '--hcl <dir>',
      'the Terraform root module: without --plan, analyse its .tf files; with it, where findings are shown',
    )
    .option('--var-file <file>', 'with --hcl and no --plan: a .tfvars file (repeatable)', collectRepeated)
    .option(
      '--account <file>',
      'an account snapshot (aws iam get-account-authorization-details) the plan is read over: the world for what the plan does not manage',
    )
    .option(
      '--config <file>',
      'blast-radius.yaml whose agents to keep (default: ./blast-radius.yaml if present)',
    )
    .option('--output <file>', 'where to write', 'blast-radius.yaml')
    .option('--force', 'replace the output file if it exists')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (raw: unknown) => {
      const flags = parseInitFlags(raw);
      if (!flags.force) await assertOutputFree(flags.output);
      const generated = await init(inputOptionsOf(flags));
      const text = renderGeneratedConfig(generated, { outputFile: flags.output });
      await writeOutput(flags.output, text, { overwrite: flags.force });
      const agents = generated.agents.map(
        (a) => `${a.name} (${a.may.length} may ${a.may.length === 1 ? 'entry' : 'entries'})`,
      );
      const source =
        generated.agentsFrom === 'config' ? 'declared in the config' : 'found by their agent tags';
      context.stdout(
        agents.length > 0
          ? `wrote ${flags.output}: the reach today of ${plural(agents.length, 'agent')} ${source}: ${agents.join(', ')}\n` +
              'tighten each `may` to what the agent needs, then run `blast-radius check` with it\n'
          : `wrote ${flags.output} with no agents: the config declares none and no principal is tagged as an agent\n`,
      );
    });
}
