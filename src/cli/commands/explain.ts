import type { Command } from 'commander';
import { explain } from '../../pipeline/explain.js';
import { explainFormatters } from '../../report/index.js';
import type { CliContext } from '../context.js';
import { collectRepeated, inputOptionsOf, parseExplainFlags } from '../options.js';
import { writeOutput } from '../output.js';

export function registerExplain(program: Command, context: CliContext): void {
  program
    .command('explain')
    .description(
      'why an agent can (or cannot) do something: every path, hop by hop, with the granting statements',
    )
    .argument('<agent>', 'the agent, as named in blast-radius.yaml')
    .option(
      '--action <action>',
      'one IAM action, such as s3:DeleteObject (without it: the agent’s whole reach)',
    )
    .option(
      '--resource <arn>',
      'the resource of the request (default: every resource pattern a statement allowing the action names)',
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
    .option('--config <file>', 'blast-radius.yaml (default: ./blast-radius.yaml if present)')
    .option('--format <format>', 'text or json', 'text')
    .option('--output <file>', 'write the explanation to a file instead of stdout')
    .option('--no-color', 'plain text output')
    .option('--debug', 'show stack traces for internal errors')
    .action(async (agent: string, raw: unknown) => {
      const flags = parseExplainFlags(raw);
      const report = await explain({
        agent,
        ...inputOptionsOf(flags),
        ...(flags.action === undefined ? {} : { action: flags.action }),
        ...(flags.resource === undefined ? {} : { resource: flags.resource }),
        version: context.version,
      });
      const color = flags.format === 'text' && flags.color && !flags.output && context.colorSupported;
      const text = explainFormatters[flags.format](report, { color });
      if (flags.output) await writeOutput(flags.output, text);
      else context.stdout(text);
      // A query: the answer is the output, whether the agent can or cannot.
      context.setExitCode(0);
    });
}
