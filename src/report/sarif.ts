import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { LIVE_ACCOUNT, type Report, type ReportFinding } from '../model/report.js';
import type { Severity } from '../model/severity.js';
import { isIncomplete, type SourceLocation } from '../model/source.js';
import { RULES } from '../rules/registry.js';
import { compressActions } from './compress.js';
import { framedJsonChunks, ITEMS_SLOT } from './json-chunks.js';

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub code scanning ranks security alerts by this property (0.0 to 10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/** The key of the partial fingerprint: a finding's stable id, so an alert follows it across runs. */
const FINGERPRINT = 'blastRadiusFinding/v1';

/**
 * SARIF 2.1.0 for code scanning: one rule entry per rule id, one result per finding, located at the
 * `.tf` block or plan position `locations` gives by finding id (else the plan file). Suppressed
 * findings carry their suppression; with a baseline, results say whether they are new.
 */
export function renderSarif(
  report: Report,
  locations: ReadonlyMap<string, SourceLocation> = new Map(),
): string {
  return [...sarifChunks(report, locations)].join('');
}

/**
 * {@link renderSarif}'s text in chunks (the log around the results, then one result each), each made
 * when it is reached: a large account's log is more text than one string holds, and a writer that
 * takes the chunks as they come holds one result at a time.
 */
export function sarifChunks(
  report: Report,
  locations: ReadonlyMap<string, SourceLocation> = new Map(),
): Generator<string> {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.id, index]));
  const unlocated = fallback(report);
  const uris = new Map<string, string>();
  const uri = (file: string) => {
    let text = uris.get(file);
    if (text === undefined) {
      text = uriOf(file);
      uris.set(file, text);
    }
    return text;
  };
  const log: Omit<Sarif.Log, 'runs'> & { runs: WithItemsSlot<Sarif.Run, 'results'>[] } = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'blast-radius',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: pascalCase(rule.id),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              help: { text: rule.help, markdown: rule.help },
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: {
                tags: ['security', 'iam'],
                precision: 'high',
                'security-severity': SECURITY_SEVERITY[rule.defaultSeverity],
              },
            })),
          },
        },
        ...(report.diagnostics.length === 0 ? {} : { invocations: [invocation(report, uri)] }),
        results: ITEMS_SLOT,
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
  return framedJsonChunks(
    log,
    report.findings,
    (finding) => {
      const location = locations.get(finding.id) ?? unlocated;
      return result(finding, ruleIndex.get(finding.rule), location, uri(location.file), report);
    },
    '\n',
  );
}

/**
 * The run's diagnostics as tool execution notifications: `warning` for an input not fully interpreted,
 * `note` for a notice. The run itself succeeded: the gate's verdict is the exit code's, not SARIF's.
 */
function invocation(report: Report, uri: (file: string) => string): Sarif.Invocation {
  return {
    executionSuccessful: true,
    toolExecutionNotifications: report.diagnostics.map((d) => ({
      descriptor: { id: d.code },
      level: isIncomplete(d) ? 'warning' : 'note',
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uri(d.location.file) },
            ...(d.location.line === undefined ? {} : { region: { startLine: d.location.line } }),
          },
          ...(d.location.path === undefined
            ? {}
            : { logicalLocations: [{ fullyQualifiedName: d.location.path }] }),
        },
      ],
    })),
  };
}

/** `T` with the array under `K` left for {@link framedJsonChunks} to render in its place. */
type WithItemsSlot<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]: typeof ITEMS_SLOT };

/** Where a finding without a location is shown: the plan, else the snapshot file, else the declarations. */
function fallback(report: Report): SourceLocation {
  const { plan, account, config } = report.inputs;
  const snapshot = account === LIVE_ACCOUNT ? undefined : account;
  return { file: plan ?? snapshot ?? config ?? 'blast-radius.yaml' };
}

function result(
  finding: ReportFinding,
  index: number | undefined,
  location: SourceLocation,
  uri: string,
  report: Report,
): Sarif.Result {
  const e = finding.evidence;
  const details = [
    e.actions.length > 0 ? `Actions: ${compressActions(e.actions)}.` : undefined,
    e.resources.length > 0
      ? `Resources: ${e.resources.slice(0, 5).join(', ')}${e.resources.length > 5 ? ' …' : ''}.`
      : undefined,
  ].filter((part): part is string => part !== undefined);
  return {
    ruleId: finding.rule,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[finding.severity],
    message: { text: [`${finding.title}: ${finding.message}`, ...details].join(' ') },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          // code scanning places an alert only by its line: a plan file without one points at its top
          region: { startLine: location.line ?? 1 },
        },
        ...(finding.address
          ? { logicalLocations: [{ fullyQualifiedName: finding.address, kind: 'resource' }] }
          : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT]: finding.id },
    ...(finding.suppressed
      ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.suppressed.reason }] }
      : {}),
    ...(report.inputs.baseline === undefined
      ? {}
      : { baselineState: finding.baseline ? 'unchanged' : 'new' }),
    properties: {
      severity: finding.severity,
      'security-severity': SECURITY_SEVERITY[finding.severity],
      ...(finding.agent === undefined ? {} : { agent: finding.agent }),
      ...(finding.principal === undefined ? {} : { principal: finding.principal }),
      capabilities: e.capabilities,
      path: e.path.map((hop) => ({
        from: hop.from,
        to: hop.to,
        kind: hop.kind,
        ...(hop.method ? { method: hop.method } : {}),
      })),
    },
  };
}

/** A relative path as a URI reference (forward slashes, each segment percent-encoded); an absolute one as a file: URI. */
function uriOf(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
