import { createHash } from 'node:crypto';
import type { Ignore, RuleSettings } from '../model/config.js';
import type { Finding } from '../model/finding.js';
import { compareText } from '../model/order.js';
import { severityRank } from '../model/severity.js';
import { arnPatternCovers, compileArnPattern } from '../policy/arn-pattern.js';
import { compileGlob, globMatches } from '../policy/glob.js';
import type { Rule, RuleContext, RuleFinding } from './types.js';

/**
 * Runs the rules and makes their output a report's findings: final severity (config overrides the
 * rule's), a content fingerprint as id, suppression by `rules.ignore` entries that have not
 * expired on `today` (YYYY-MM-DD), and a stable order.
 */
export function runRules(
  rules: readonly Rule[],
  context: RuleContext,
  settings: RuleSettings,
  today: string,
): Finding[] {
  const findings = rules.flatMap((rule) =>
    rule.check(context).map((f) => toFinding(rule, f, settings, today)),
  );
  return findings.sort(compareFindings);
}

function toFinding(rule: Rule, f: RuleFinding, settings: RuleSettings, today: string): Finding {
  const severity = settings.severity[rule.id] ?? f.severity ?? rule.defaultSeverity;
  const id = fingerprint([
    rule.id,
    f.agent ?? '',
    f.principal ?? '',
    f.resource ?? '',
    f.address ?? '',
    ...f.key,
  ]);
  const ignore = settings.ignore.find((i) => suppresses(i, rule.id, f, today));
  return {
    id,
    rule: rule.id,
    severity,
    ...(f.agent === undefined ? {} : { agent: f.agent }),
    ...(f.principal === undefined ? {} : { principal: f.principal }),
    ...(f.resource === undefined ? {} : { resource: f.resource }),
    ...(f.address === undefined ? {} : { address: f.address }),
    title: f.title,
    message: f.message,
    evidence: f.evidence,
    ...(f.location === undefined ? {} : { location: f.location }),
    ...(ignore
      ? {
          suppressed: {
            reason: ignore.reason,
            ...(ignore.expires === undefined ? {} : { expires: ignore.expires }),
          },
        }
      : {}),
  };
}

export function fingerprint(parts: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** An ignore entry suppresses a finding when every field it sets matches and it has not expired. */
function suppresses(ignore: Ignore, ruleId: string, f: RuleFinding, today: string): boolean {
  if (ignore.rule !== ruleId) return false;
  if (ignore.expires !== undefined && ignore.expires < today) return false;
  if (ignore.agent !== undefined && ignore.agent !== f.agent) return false;
  if (ignore.actions) {
    const globs = ignore.actions.map((a) => compileGlob(a.toLowerCase()));
    if (!f.evidence.actions.every((a) => globs.some((g) => globMatches(g, a.toLowerCase())))) return false;
  }
  if (ignore.resources) {
    const patterns = ignore.resources.map(compileArnPattern);
    const resources = f.resource ? [f.resource] : f.evidence.resources;
    if (!resources.every((r) => patterns.some((p) => arnPatternCovers(p, compileArnPattern(r)))))
      return false;
  }
  return true;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareText(a.rule, b.rule) ||
    compareText(a.agent ?? '', b.agent ?? '') ||
    compareText(a.resource ?? a.address ?? '', b.resource ?? b.address ?? '') ||
    compareText(a.id, b.id)
  );
}
