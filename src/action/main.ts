import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as core from '@actions/core';
import { context, getOctokit } from '@actions/github';
import { BlastRadiusError, formatError } from '../errors.js';
import type { Report, ReportFinding } from '../model/report.js';
import type { Severity } from '../model/severity.js';
import type { SourceLocation } from '../model/source.js';
import { check } from '../pipeline/check.js';
import { locateFindings } from '../pipeline/locate-findings.js';
import { redactSecretKeys, redactSecretKeysInChunks } from '../redact.js';
import { renderJson } from '../report/json.js';
import { COMMENT_LIMIT, renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { countAtOrAbove, failsOnFindings, strictFailureReason } from '../report/verdict.js';
import { COMMENT_MARKER, isPermissionRefusal, upsertComment } from './comment.js';
import { type ActionInputs, readActionInputs } from './inputs.js';

export interface ActionEnvironment {
  readonly version: string;
  /** Today's date (YYYY-MM-DD), for expiring ignores. */
  readonly today: string;
}

/** GitHub keeps at most 1 MiB of job summary per step. */
const SUMMARY_LIMIT = 1_000_000;
/** GitHub shows ten annotations of each level per step; the most severe findings get them. */
const MAX_ANNOTATIONS = 10;

/**
 * The Action: check the plan, then write the job summary, annotations, SARIF and outputs, keep one
 * pull request comment current, and fail the step when a finding is at or above fail-on.
 */
export async function run(env: ActionEnvironment): Promise<void> {
  try {
    warnOnUnsafeTrigger();
    const inputs = readActionInputs();
    const report = await check({
      plan: inputs.plan,
      ...(inputs.config === undefined ? {} : { config: inputs.config }),
      ...(inputs['fail-on'] === undefined ? {} : { failOn: inputs['fail-on'] }),
      strict: inputs.strict,
      today: env.today,
      version: env.version,
    });
    const locations = await locateFindings(report, {
      // code scanning and annotations take paths relative to the checkout
      root: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      ...(inputs.hcl ? { terraformDir: inputs.hcl } : {}),
    });
    await writeReports(report, locations, inputs);
    await core.summary
      .addRaw(
        redactSecretKeys(
          renderMarkdown(report, {
            limit: SUMMARY_LIMIT,
            elsewhere: 'the SARIF results and the JSON report',
          }),
        ),
      )
      .write();
    annotate(report, locations);
    if (inputs.comment) await comment(report, inputs);
    if (report.summary.failed) core.setFailed(failure(report));
  } catch (error) {
    // one annotation, at the input file when the error names one; the exit code fails the step
    const location = error instanceof BlastRadiusError ? error.location : undefined;
    core.error(redactSecretKeys(formatError(error)), {
      title: 'blast-radius',
      ...(location ? { file: location.file, ...lineOf(location) } : {}),
    });
    process.exitCode = 1;
  }
}

/**
 * pull_request_target runs with the base repository's secrets and a write token; a workflow that
 * checks out the pull request's head there has already run its Terraform with them. The Action
 * cannot see the checkout, so it says what to look for.
 */
function warnOnUnsafeTrigger(): void {
  if (process.env.GITHUB_EVENT_NAME !== 'pull_request_target') return;
  core.warning(
    "blast-radius runs on pull_request_target: if this job checks out and plans the pull request's head, " +
      "the pull request's Terraform ran with this repository's secrets. Run it on pull_request " +
      '(docs/action-security.md).',
    { title: 'blast-radius on pull_request_target' },
  );
}

function failure(report: Report): string {
  const s = report.summary;
  const strict = strictFailureReason(s);
  const reasons = [
    failsOnFindings(s) && s.failOn !== 'none'
      ? `${countAtOrAbove(s, s.failOn)} findings at or above fail-on ${s.failOn}`
      : undefined,
    strict === undefined ? undefined : `${strict} (the strict input; set it to false to only list them)`,
  ].filter(Boolean);
  return `blast-radius: ${reasons.join('; ')}; the job summary lists them`;
}

async function writeReports(
  report: Report,
  locations: ReadonlyMap<string, SourceLocation>,
  inputs: ActionInputs,
) {
  const json = join(process.env.RUNNER_TEMP ?? '.', 'blast-radius-report.json');
  const handle = await open(json, 'w');
  try {
    // chunk by chunk: a large estate's report is more text than one string holds
    for (const chunk of redactSecretKeysInChunks(renderJson(report))) await handle.write(chunk);
  } finally {
    await handle.close();
  }
  if (inputs.sarif) {
    await mkdir(dirname(inputs.sarif), { recursive: true });
    await writeFile(inputs.sarif, redactSecretKeys(renderSarif(report, locations)));
  }
  core.setOutput('findings', report.summary.findings);
  core.setOutput('max-severity', report.summary.maxSeverity);
  core.setOutput('incomplete-inputs', report.summary.incompleteInputs);
  core.setOutput('report-json', json);
  if (inputs.sarif) core.setOutput('sarif', inputs.sarif);
}

const ANNOTATE: Record<Severity, (message: string, properties: core.AnnotationProperties) => void> = {
  critical: core.error,
  high: core.error,
  medium: core.warning,
  low: core.notice,
};

function annotate(report: Report, locations: ReadonlyMap<string, SourceLocation>): void {
  const open = report.findings.filter((f: ReportFinding) => !f.suppressed && !f.baseline);
  for (const finding of open.slice(0, MAX_ANNOTATIONS)) {
    const location = locations.get(finding.id);
    ANNOTATE[finding.severity](redactSecretKeys(finding.message), {
      title: redactSecretKeys(`${finding.severity} ${finding.rule}: ${finding.title}`),
      ...(location ? { file: location.file, ...lineOf(location) } : {}),
    });
  }
}

function lineOf(location: SourceLocation): { startLine?: number } {
  return location.line === undefined ? {} : { startLine: location.line };
}

/** The pull request comment; without the right to comment (a fork), the job summary is the report. */
async function comment(report: Report, inputs: ActionInputs): Promise<void> {
  const pr = context.payload.pull_request;
  if (!pr) {
    core.info('not a pull request event: no comment, the job summary has the report');
    return;
  }
  if (!inputs['github-token']) {
    core.warning('no github-token: no pull request comment, the job summary has the report');
    return;
  }
  const markdown = redactSecretKeys(
    renderMarkdown(report, { limit: COMMENT_LIMIT - COMMENT_MARKER.length - 1 }),
  );
  try {
    const result = await upsertComment(
      getOctokit(inputs['github-token']),
      { ...context.repo, number: pr.number },
      markdown,
    );
    core.info(`pull request comment ${result}`);
  } catch (error) {
    // the comment is a view of the report: failing to write it does not change the verdict
    core.warning(
      isPermissionRefusal(error)
        ? 'the token may not comment on this pull request (a fork, or no pull-requests: write): the job summary has the report'
        : `could not write the pull request comment (${redactSecretKeys(error instanceof Error ? error.message : String(error))}): the job summary has the report`,
    );
  }
}
