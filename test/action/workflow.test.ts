import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly id?: string;
}

async function yamlOf(file: string) {
  return parse(await readFile(file, 'utf8'));
}

describe('examples/workflows/pull-request.yml', () => {
  it('passes the Action only inputs action.yml declares, and every required one', async () => {
    const action = await yamlOf('action.yml');
    const workflow = await yamlOf('examples/workflows/pull-request.yml');
    const steps: Step[] = Object.values(workflow.jobs as Record<string, { steps: Step[] }>).flatMap(
      (job) => job.steps,
    );
    const step = steps.find((s) => s.uses?.startsWith('blast-radius/blast-radius@'));
    const given = Object.keys(step?.with ?? {});
    const declared = Object.keys(action.inputs);
    expect(given.filter((name) => !declared.includes(name))).toEqual([]);
    const required = declared.filter((name) => action.inputs[name].required === true);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });

  it('runs on pull_request (never pull_request_target) with least-privilege permissions', async () => {
    const workflow = await yamlOf('examples/workflows/pull-request.yml');
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions).toEqual({
      contents: 'read',
      'id-token': 'write',
      'pull-requests': 'write',
      'security-events': 'write',
    });
  });

  it('uploads the SARIF file the Action reports', async () => {
    const workflow = await yamlOf('examples/workflows/pull-request.yml');
    const steps: Step[] = workflow.jobs['blast-radius'].steps;
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expression as the workflow spells it
    expect(upload?.with?.sarif_file).toBe('${{ steps.blast-radius.outputs.sarif }}');
  });
});
