import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const PLAN = ['--plan', 'fixtures/incidents/prod-env-recreate/plan.json'];
const CONFIG = ['--config', 'fixtures/incidents/prod-env-recreate/blast-radius.yaml'];

describe('blast-radius report, not in a terminal', () => {
  it('prints what check --format text prints, with its exit code', async () => {
    const report = await runCli(['report', ...PLAN, ...CONFIG]);
    const check = await runCli(['check', ...PLAN, ...CONFIG]);
    expect(report.stdout).toBe(check.stdout);
    expect(report.code).toBe(check.code);
    expect(report.stdout).toContain('coding-agent');
  });

  it('reads an account snapshot instead of a plan', async () => {
    const result = await runCli([
      'report',
      '--account',
      'fixtures/accounts/agent-estate/auth-details.json',
      '--config',
      'fixtures/accounts/blast-radius.yaml',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('41 findings');
  });

  it('refuses no input with exit 2', async () => {
    const result = await runCli(['report']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--plan — give --plan FILE or --hcl DIR, --account FILE, or a plan or .tf over an account',
    );
  });

  it('with --plan and --account, reads the plan over the snapshot', async () => {
    const dir = 'fixtures/plan-over-account/release-agent';
    const result = await runCli([
      'report',
      '--plan',
      `${dir}/plan.json`,
      '--account',
      `${dir}/auth-details.json`,
      '--config',
      `${dir}/blast-radius.yaml`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`account: ${dir}/auth-details.json`);
    expect(result.stdout).toContain('undeclared-reach');
  });

  it('names the file of a bad plan and exits 2', async () => {
    const result = await runCli(['report', '--plan', 'fixtures/no-such-plan.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fixtures/no-such-plan.json');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
