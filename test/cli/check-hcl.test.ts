import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHcl } from '../../src/ingest/terraform-hcl/read-hcl.js';
import { runCli } from '../helpers/cli.js';

const INCIDENT = 'fixtures/incidents/prod-env-recreate';

/** The 1-based line of the first line of a file that starts with `header`, found independently of the tool. */
function lineOf(file: string, header: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.startsWith(header)) + 1
  );
}

interface SarifResult {
  readonly ruleId: string;
  readonly message: { readonly text: string };
  readonly locations: readonly {
    readonly physicalLocation: {
      readonly artifactLocation: { readonly uri: string };
      readonly region: { readonly startLine: number };
    };
  }[];
}

function resultsOf(stdout: string): SarifResult[] {
  return JSON.parse(stdout).runs[0].results;
}

describe('check --hcl without a plan', () => {
  it('puts each SARIF result at the line of its resource block, in the root and in a module', async () => {
    const result = await runCli([
      'check',
      '--hcl',
      INCIDENT,
      '--config',
      `${INCIDENT}/blast-radius.yaml`,
      '--format',
      'sarif',
      '--fail-on',
      'none',
    ]);
    expect(result.code).toBe(0);
    const where = (rule: string, text: string) => {
      const found = resultsOf(result.stdout).find((r) => r.ruleId === rule && r.message.text.includes(text));
      return found?.locations[0]?.physicalLocation;
    };
    // Given the role the agent acts as, Then its no-go-zone result is at `resource "aws_iam_role" "coding_agent"`
    expect(where('no-go-zone', 'audit-tamper')).toEqual({
      artifactLocation: { uri: `${INCIDENT}/main.tf` },
      region: { startLine: lineOf(`${INCIDENT}/main.tf`, 'resource "aws_iam_role" "coding_agent"') },
    });
    // One finding about two production resources (granted by the AWS managed PowerUserAccess,
    // which has no block) is at the agent's own role
    expect(where('environment-violation', '2 production resources')?.region.startLine).toBe(
      lineOf(`${INCIDENT}/main.tf`, 'resource "aws_iam_role" "coding_agent"'),
    );
  });

  it('puts a result about one resource at its block: the root, and a module', async () => {
    const dir = 'fixtures/rules/environment-violation/fail';
    const result = await runCli([
      'check',
      '--hcl',
      dir,
      '--config',
      `${dir}/blast-radius.yaml`,
      '--format',
      'sarif',
    ]);
    const [violation] = resultsOf(result.stdout).filter((r) => r.ruleId === 'environment-violation');
    expect(violation?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: `${dir}/main.tf` },
      region: { startLine: lineOf(`${dir}/main.tf`, 'resource "aws_lambda_function" "checkout_api_prod"') },
    });
    const { blocks } = await readHcl(INCIDENT);
    expect(blocks.get('module.service.aws_ecs_service.api')).toMatchObject({
      file: `${INCIDENT}/modules/service/main.tf`,
      line: lineOf(`${INCIDENT}/modules/service/main.tf`, 'resource "aws_ecs_service" "api"'),
    });
  });

  it('shows each finding’s file and line in text (HCL mode) and markdown (plan mode)', async () => {
    const role = `${INCIDENT}/main.tf:${lineOf(`${INCIDENT}/main.tf`, 'resource "aws_iam_role" "coding_agent"')}`;
    const text = await runCli([
      'check',
      '--hcl',
      INCIDENT,
      '--config',
      `${INCIDENT}/blast-radius.yaml`,
      '--fail-on',
      'none',
    ]);
    expect(text.stdout).toContain(`  at:        ${role}\n`);
    const markdown = await runCli([
      'check',
      '--plan',
      `${INCIDENT}/plan.json`,
      '--config',
      `${INCIDENT}/blast-radius.yaml`,
      '--format',
      'markdown',
      '--fail-on',
      'none',
    ]);
    expect(markdown.stdout).toContain(`- **Source**: <code>${role}</code>`);
  });

  it('names the .tf directory as its input, and gives the same bytes twice', async () => {
    const args = [
      'check',
      '--hcl',
      INCIDENT,
      '--config',
      `${INCIDENT}/blast-radius.yaml`,
      '--format',
      'json',
      '--fail-on',
      'none',
    ];
    const [first, second] = [await runCli(args), await runCli(args)];
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout);
    expect(report.inputs).toEqual({ hcl: INCIDENT, config: `${INCIDENT}/blast-radius.yaml` });
    expect(report.destructiveChanges).toEqual([]);
  });

  it('with --plan too, reads values from the plan', async () => {
    const result = await runCli([
      'check',
      '--plan',
      `${INCIDENT}/plan.json`,
      '--hcl',
      INCIDENT,
      '--config',
      `${INCIDENT}/blast-radius.yaml`,
      '--format',
      'json',
      '--fail-on',
      'none',
    ]);
    const report = JSON.parse(result.stdout);
    expect(report.inputs.plan).toBe(`${INCIDENT}/plan.json`);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('production-deletion');
  });

  it('a .tf file that does not parse exits 2 naming the file and line, without a stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-hcl-'));
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_iam_role" "r" {\n  name = \n}\n');
    const result = await runCli(['check', '--hcl', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      new RegExp(`^blast-radius: ${join(dir, 'main.tf')}:2:\\d+ — not valid HCL: invalid expression`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a directory that cannot be read exits 2 naming it', async () => {
    const result = await runCli(['check', '--hcl', 'no/such/dir']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('blast-radius: no/such/dir — cannot be read: the directory does not exist\n');
  });

  it('a --var-file that cannot be read exits 2 naming it', async () => {
    const result = await runCli(['check', '--hcl', INCIDENT, '--var-file', 'no/such.tfvars']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('blast-radius: no/such.tfvars — cannot be read: the file does not exist\n');
  });

  it('a directory without .tf files exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-hcl-'));
    const result = await runCli(['check', '--hcl', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${dir} — holds no .tf file`);
  });

  it('--var-file sets variables, and needs --hcl without --plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'br-hcl-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'variable "name" {}\nresource "aws_iam_role" "r" {\n  name               = var.name\n  assume_role_policy = "{}"\n}\n',
    );
    writeFileSync(join(dir, 'prod.tfvars'), 'name = "deployer"\n');
    const unresolved = JSON.parse((await runCli(['check', '--hcl', dir, '--format', 'json'])).stdout);
    expect(unresolved.diagnostics.map((d: { code: string }) => d.code)).toContain('hcl.unresolved');
    const resolved = JSON.parse(
      (await runCli(['check', '--hcl', dir, '--var-file', join(dir, 'prod.tfvars'), '--format', 'json']))
        .stdout,
    );
    expect(resolved.diagnostics.map((d: { code: string }) => d.code)).not.toContain('hcl.unresolved');
    const misuse = await runCli(['check', '--plan', `${INCIDENT}/plan.json`, '--var-file', 'x.tfvars']);
    expect(misuse.code).toBe(2);
    expect(misuse.stderr).toContain('--var-file');
  });

  it('init and explain read .tf files too: the declaration init writes leaves no undeclared reach', async () => {
    const dir = 'fixtures/rules/undeclared-reach/fail-assumed-role';
    const out = join(mkdtempSync(join(tmpdir(), 'br-hcl-')), 'blast-radius.yaml');
    const init = await runCli([
      'init',
      '--hcl',
      dir,
      '--config',
      `${dir}/blast-radius.yaml`,
      '--output',
      out,
    ]);
    expect(init.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain(`#   hcl:    ${dir}`);
    const after = JSON.parse(
      (await runCli(['check', '--hcl', dir, '--config', out, '--format', 'json', '--fail-on', 'none']))
        .stdout,
    );
    expect(after.findings.filter((f: { rule: string }) => f.rule === 'undeclared-reach')).toEqual([]);
    const explain = await runCli([
      'explain',
      'release-agent',
      '--action',
      'lambda:UpdateFunctionCode',
      '--hcl',
      dir,
      '--config',
      `${dir}/blast-radius.yaml`,
    ]);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('release-agent CAN do lambda:UpdateFunctionCode');
    expect(explain.stdout).toContain(`${dir}/main.tf:`);
  });

  it('without --plan or --hcl exits 2 saying what it needs', async () => {
    const result = await runCli(['check']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--plan plan.json or --hcl DIR');
  });
});
