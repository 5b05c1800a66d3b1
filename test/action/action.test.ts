import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectNoCanary, SECRETS } from '../helpers/canaries.js';
import { GitHubApi, humanComments } from './github-api.js';

const MARKER = '<!-- blast-radius:pull-request-comment -->';
const INCIDENT = 'fixtures/incidents/prod-env-recreate';
const TOKEN = 'ghs_testtoken';
/** A value the incident's plan marks sensitive: no output of the Action may hold it. */
const SENSITIVE_CANARY = 'canary-db-password-DO-NOT-LEAK';
/** action.yml's default for github-token, which the runner replaces with the workflow's token. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: the expression as action.yml spells it
const WORKFLOW_TOKEN = '${{ github.token }}';

/** GitHub's published webhook payloads, by event name (the package is JSON). */
const webhookExamples = createRequire(import.meta.url)('@octokit/webhooks-examples') as readonly {
  readonly name: string;
  readonly examples: readonly { readonly action?: string; readonly pull_request?: unknown }[];
}[];

/** A real pull_request webhook payload for the action given. */
function pullRequestEvent(action: 'opened' | 'synchronize') {
  const examples = webhookExamples.find((event) => event.name === 'pull_request')?.examples ?? [];
  const payload = examples.find((example) => example.action === action);
  if (!payload?.pull_request) throw new Error(`no pull_request ${action} example`);
  return payload;
}

interface ActionRun {
  readonly code: number;
  readonly stdout: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
}

/** action.yml's input defaults, as the runner passes them: INPUT_<NAME> for every input with one. */
async function defaultInputs(): Promise<Record<string, string>> {
  const manifest = parse(await readFile('action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(manifest.inputs).flatMap(([name, input]) =>
      input.default === undefined ? [] : [[name, input.default === WORKFLOW_TOKEN ? TOKEN : input.default]],
    ),
  );
}

/** Parses GITHUB_OUTPUT's `name<<delimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const match of text.matchAll(block)) outputs[match[1] as string] = match[3] as string;
  return outputs;
}

let work: string;
let api: GitHubApi | undefined;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'blast-radius-action-'));
});

afterEach(async () => {
  await api?.stop();
  api = undefined;
  await rm(work, { recursive: true, force: true });
});

/** Runs dist/action.js as the runner does: a clean environment of GITHUB_* and INPUT_* variables. */
async function runAction(
  inputs: Record<string, string>,
  event: { name: string; payload?: unknown } = { name: 'pull_request', payload: pullRequestEvent('opened') },
): Promise<ActionRun> {
  const eventPath = join(work, 'event.json');
  const summaryPath = join(work, 'step-summary.md');
  const outputPath = join(work, 'output.txt');
  await writeFile(eventPath, JSON.stringify(event.payload ?? {}));
  await writeFile(summaryPath, '');
  await writeFile(outputPath, '');
  const withDefaults = { ...(await defaultInputs()), sarif: join(work, 'blast-radius.sarif'), ...inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'Codertocat/Hello-World',
    GITHUB_API_URL: api?.url ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: process.cwd(),
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    RUNNER_TEMP: work,
    ...Object.fromEntries(
      Object.entries(withDefaults).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
  };
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile('node', ['dist/action.js'], { env, maxBuffer: 64 * 1024 * 1024 }, (error, out) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out });
    });
  });
  return {
    code,
    stdout,
    summary: await readFile(summaryPath, 'utf8'),
    outputs: parseOutputs(await readFile(outputPath, 'utf8')),
  };
}

const incidentInputs = { plan: `${INCIDENT}/plan.json`, config: `${INCIDENT}/blast-radius.yaml` };

describe('dist/action.js on a pull request', () => {
  it('creates one comment on the first run and edits it on the next, past the first page of comments', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2, { comments: humanComments(120) });

    const first = await runAction(incidentInputs);
    expect(first.stdout).toContain('pull request comment created');
    const ours = () => api?.comments.filter((c) => c.body.includes(MARKER)) ?? [];
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('blast-radius: 17 findings at or above high');

    const second = await runAction(incidentInputs, {
      name: 'pull_request',
      payload: pullRequestEvent('synchronize'),
    });
    expect(second.stdout).toContain('pull request comment updated');
    expect(ours()).toHaveLength(1);
    expect(api.comments).toHaveLength(121);
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(api.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);
    expect(api.unexpected).toEqual([]);
  });

  it('writes the job summary, the outputs, the JSON report, SARIF and annotations at .tf lines', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const run = await runAction(incidentInputs);

    expect(run.summary).toContain('## ❌ blast-radius: 17 findings at or above high');
    expect(run.summary).toContain('### Destroyed or replaced by the plan');
    expect(run.outputs).toEqual({
      findings: '17',
      'max-severity': 'critical',
      'incomplete-inputs': '0',
      'report-json': join(work, 'blast-radius-report.json'),
      sarif: join(work, 'blast-radius.sarif'),
    });
    const report = JSON.parse(await readFile(join(work, 'blast-radius-report.json'), 'utf8'));
    expect(report.summary.findings).toBe(17);
    const sarif = JSON.parse(await readFile(join(work, 'blast-radius.sarif'), 'utf8'));
    expect(sarif.runs[0].results).toHaveLength(17);

    const everything = [
      run.stdout,
      run.summary,
      JSON.stringify(report),
      JSON.stringify(sarif),
      ...api.comments.map((c) => c.body),
    ].join('\n');
    expect(api.comments).toHaveLength(1);
    expect(everything).not.toContain(SENSITIVE_CANARY);

    const annotations = run.stdout.split('\n').filter((line) => /^::(error|warning|notice) /.test(line));
    expect(annotations).toHaveLength(10);
    expect(annotations.some((a) => a.includes(`file=${INCIDENT}/main.tf,line=`))).toBe(true);
  });

  it('writes no canary of fixtures/secrets to the comment, summary, SARIF, JSON report, outputs or log', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const run = await runAction({ plan: SECRETS.plan, config: SECRETS.config, 'fail-on': 'none' });
    // the sensitive policy cannot be read, so the default strict gate fails the step
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('not fully interpreted');
    const report = await readFile(join(work, 'blast-radius-report.json'), 'utf8');
    const sarif = await readFile(join(work, 'blast-radius.sarif'), 'utf8');
    const secretArn = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:ci/(redacted)-AbCdEf';
    expect(api.comments).toHaveLength(1);
    for (const output of [run.summary, report, sarif, ...api.comments.map((c) => c.body)]) {
      expectNoCanary(output, [secretArn, 'arn:aws:iam::111111111111:(redacted)/ci-bot']);
    }
    expectNoCanary(run.stdout, ['::warning', 'ci-agent can act beyond its declaration']);
    expectNoCanary(JSON.stringify(run.outputs), ['blast-radius-report.json']);
  });

  it('fails the step per fail-on', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const failing = await runAction(incidentInputs);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('::error::blast-radius: 17 findings at or above fail-on high');

    const critical = await runAction({ ...incidentInputs, 'fail-on': 'critical' });
    expect(critical.code).toBe(1);
    expect(critical.stdout).toContain('::error::blast-radius: 6 findings at or above fail-on critical');

    const never = await runAction({ ...incidentInputs, 'fail-on': 'none' });
    expect(never.code).toBe(0);
    expect(never.outputs.findings).toBe('17');

    const clean = await runAction({
      plan: 'fixtures/incidents/clean/plan.json',
      config: 'fixtures/incidents/clean/blast-radius.yaml',
    });
    expect(clean.code).toBe(0);
    expect(clean.outputs['max-severity']).toBe('none');
    expect(clean.summary).toContain('✅ blast-radius: no finding at or above high');
  });

  it('fails the step on inputs it cannot fully interpret by default (strict), and only lists them with strict: false', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const inputs = {
      plan: 'fixtures/strict/uninterpreted-policy/plan.json',
      config: 'fixtures/strict/uninterpreted-policy/blast-radius.yaml',
    };
    // Given a plan whose findings pass, with three policies on resource types the tool does not interpret
    const strict = await runAction(inputs);
    // Then by default (action.yml's strict: 'true') the step fails, saying why, and so do the summary and comment
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(
      /^::error::blast-radius: 3 inputs were not fully interpreted .*strict mode fails the gate on any \(the strict input; set it to false to only list them\)/m,
    );
    expect(strict.outputs['incomplete-inputs']).toBe('3');
    for (const markdown of [strict.summary, api.comments[0]?.body ?? '']) {
      expect(markdown).toContain('## ❌ blast-radius: 3 inputs not fully interpreted (strict)');
      expect(markdown).toContain('aws_api_gateway_rest_api_policy.reports: policy holds a policy document');
    }

    // When strict is false, the same inputs are listed and the step passes
    const lenient = await runAction({ ...inputs, strict: 'false' });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).not.toContain('::error::');
    expect(lenient.summary).toContain('✅ blast-radius: no finding at or above high');
    expect(lenient.summary).toContain('<summary>Could not be fully analysed (3)</summary>');
  });

  it('rejects a strict input that is not true or false', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const run = await runAction({ ...incidentInputs, strict: 'sometimes' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error title=blast-radius::blast-radius: .*input strict/);
    expect(api.requests).toEqual([]);
  });

  it('degrades to the job summary when the token may not comment (a fork)', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2, { refuseWrites: 403 });
    const run = await runAction({ ...incidentInputs, 'fail-on': 'none' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::warning::the token may not comment on this pull request');
    expect(run.summary).toContain('blast-radius: 17 findings');
    expect(api.comments).toEqual([]);
  });

  it('keeps the verdict of fail-on when GitHub cannot take the comment', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2, { refuseWrites: 502 });
    const passing = await runAction({ ...incidentInputs, 'fail-on': 'none' });
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain('::warning::could not write the pull request comment (Server Error');
    const failing = await runAction(incidentInputs);
    expect(failing.code).toBe(1);
  });

  it('does not comment when comment is false, nor outside a pull request', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const off = await runAction({ ...incidentInputs, comment: 'false', 'fail-on': 'none' });
    expect(off.code).toBe(0);
    const push = await runAction({ ...incidentInputs, 'fail-on': 'none' }, { name: 'push', payload: {} });
    expect(push.code).toBe(0);
    expect(push.stdout).toContain('not a pull request event');
    expect(api.requests).toEqual([]);
  });

  it('warns when it runs on pull_request_target, and only then', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const target = await runAction(
      { ...incidentInputs, 'fail-on': 'none' },
      { name: 'pull_request_target', payload: pullRequestEvent('opened') },
    );
    expect(target.code).toBe(0);
    expect(target.stdout).toMatch(
      /^::warning title=blast-radius on pull_request_target::.*Run it on pull_request /m,
    );
    const plain = await runAction({ ...incidentInputs, 'fail-on': 'none' });
    expect(plain.stdout).not.toContain('pull_request_target');
  });

  it('fails with one message naming the bad input, and writes nothing', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const missing = await runAction({ plan: join(work, 'missing.json') });
    expect(missing.code).toBe(1);
    expect(missing.stdout.match(/^::error /gm)).toHaveLength(1);
    expect(missing.stdout).toMatch(
      /::error title=blast-radius,file=.*missing\.json::blast-radius: .*missing\.json — cannot be read/,
    );
    expect(missing.stdout).not.toMatch(/\n\s+at /);

    const badThreshold = await runAction({ ...incidentInputs, 'fail-on': 'severe' });
    expect(badThreshold.code).toBe(1);
    expect(badThreshold.stdout).toMatch(/::error title=blast-radius::blast-radius: .*input fail-on/);

    expect(existsSync(join(work, 'blast-radius.sarif'))).toBe(false);
    expect(existsSync(join(work, 'blast-radius-report.json'))).toBe(false);
    expect(missing.outputs).toEqual({});
    expect(api.requests).toEqual([]);
  });

  it('fails with the plan file and JSON path when the plan is malformed', async () => {
    api = await GitHubApi.start('Codertocat/Hello-World', 2);
    const plan = join(work, 'plan.json');
    await writeFile(plan, '{"format_version": "1.2", "resource_changes": [{"address": 3}]}');
    const run = await runAction({ plan });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(plan);
    expect(run.stdout).toContain('resource_changes[0]');
    expect(api.requests).toEqual([]);
  });
});
