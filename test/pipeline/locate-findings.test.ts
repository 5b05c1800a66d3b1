import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline/check.js';
import { locateFindings } from '../../src/pipeline/locate-findings.js';
import { TEST_TODAY } from '../helpers/rules.js';

const DIR = 'fixtures/incidents/prod-env-recreate';

async function located() {
  const report = await check({
    plan: `${DIR}/plan.json`,
    config: `${DIR}/blast-radius.yaml`,
    today: TEST_TODAY,
    version: '0.0.0-test',
  });
  return { report, locations: await locateFindings(report) };
}

function lineOf(file: string, line: number | undefined): string {
  return readFileSync(file, 'utf8').split('\n')[(line ?? 0) - 1] ?? '';
}

describe('locateFindings', () => {
  it('puts a finding about a resource at its block, in the root module or a local module', async () => {
    const { report, locations } = await located();
    const byAddress = (address: string) => report.findings.find((f) => f.address === address);
    const db = locations.get(byAddress('aws_db_instance.prod')?.id ?? '');
    expect(db?.file).toBe(`${DIR}/main.tf`);
    expect(lineOf(`${DIR}/main.tf`, db?.line)).toBe('resource "aws_db_instance" "prod" {');
    const ecs = locations.get(byAddress('module.service.aws_ecs_service.api')?.id ?? '');
    expect(ecs?.file).toBe(`${DIR}/modules/service/main.tf`);
    expect(lineOf(`${DIR}/modules/service/main.tf`, ecs?.line)).toBe('resource "aws_ecs_service" "api" {');
  });

  it('puts a resource the configuration no longer holds (a deletion) at its place in the plan JSON', async () => {
    const { report, locations } = await located();
    const deleted = report.findings.find((f) => f.address === 'aws_elastic_beanstalk_environment.prod_web');
    const where = locations.get(deleted?.id ?? '');
    expect(where?.file).toBe(`${DIR}/plan.json`);
    expect(lineOf(`${DIR}/plan.json`, where?.line)).toContain(
      '"address": "aws_elastic_beanstalk_environment.prod_web"',
    );
  });

  it("puts an agent's finding granted by an AWS managed policy at the agent's declared Terraform identity", async () => {
    const { report, locations } = await located();
    const agentFindings = report.findings.filter(
      (f) => f.agent === 'coding-agent' && f.address === undefined,
    );
    expect(agentFindings.length).toBeGreaterThan(0);
    for (const finding of agentFindings) {
      const where = locations.get(finding.id);
      expect(lineOf(`${DIR}/main.tf`, where?.line)).toBe('resource "aws_iam_role" "coding_agent" {');
    }
  });

  it('gives files relative to the checkout root', async () => {
    const report = await check({
      plan: `${process.cwd()}/${DIR}/plan.json`,
      config: `${DIR}/blast-radius.yaml`,
      today: TEST_TODAY,
      version: '0.0.0-test',
    });
    const files = new Set(
      [...(await locateFindings(report, { root: process.cwd() })).values()].map((l) => l.file),
    );
    expect([...files].sort()).toEqual([
      `${DIR}/main.tf`,
      `${DIR}/modules/service/main.tf`,
      `${DIR}/plan.json`,
    ]);
  });
});
