/** Where a piece of input came from: a file, and a JSON dot path or a line within it. */
export interface SourceLocation {
  readonly file: string;
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * What a diagnostic means for the analysis.
 * - `incomplete`: an input the tool could not fully interpret (a policy it could not read, a value
 *   no reference resolves, an approximated document, an unknown action or plan format …). The report
 *   may be wrong about what depends on it, so `--strict` fails the gate on any of them.
 * - `notice`: worth knowing, and weakens nothing the analysis decides (an expired ignore entry).
 */
export type DiagnosticKind = 'incomplete' | 'notice';

/**
 * Every diagnostic code and its kind: one table, so a new code cannot be added without deciding
 * whether it weakens the analysis. docs/diagnostics.md lists them for readers.
 */
export const DIAGNOSTIC_KINDS = {
  'plan.unknown-format': 'incomplete',
  'plan.unknown-action': 'incomplete',
  'plan.unreadable-address': 'incomplete',
  'plan.account-unknown': 'incomplete',
  'plan.region-unknown': 'incomplete',
  'plan.unresolved': 'incomplete',
  'plan.approximated': 'incomplete',
  'plan.invalid-policy': 'incomplete',
  'plan.sensitive-policy': 'incomplete',
  'plan.principal-not-in-inputs': 'incomplete',
  'plan.policy-not-in-inputs': 'incomplete',
  'plan.instance-profile-not-in-inputs': 'incomplete',
  'plan.uninterpreted-policy': 'incomplete',
  'plan.limiting-policy-not-applied': 'notice',
  'hcl.unresolved': 'incomplete',
  'hcl.approximated': 'incomplete',
  'hcl.account-unknown': 'incomplete',
  'hcl.region-unknown': 'incomplete',
  'policy.unknown-aws-managed': 'incomplete',
  'snapshot.invalid-policy': 'incomplete',
  'snapshot.no-default-version': 'incomplete',
  'snapshot.policy-missing': 'incomplete',
  'account.other-account': 'notice',
  'config.not-found': 'notice',
  'config.ignore-expired': 'notice',
} as const satisfies Readonly<Record<string, DiagnosticKind>>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_KINDS;

/** What a diagnostic is about, where a later step may find it elsewhere (a principal or policy the plan lacks). */
export type DiagnosticSubject =
  | { readonly kind: 'role' | 'user' | 'group'; readonly name: string }
  | { readonly kind: 'managed-policy'; readonly arn: string };

/** Something the tool could analyse only in part, or a notice; listed on the report, never silently dropped. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly kind: DiagnosticKind;
  readonly message: string;
  readonly location: SourceLocation;
  readonly subject?: DiagnosticSubject;
}

/** A diagnostic, of the kind its code has. */
export function diagnostic(
  code: DiagnosticCode,
  message: string,
  location: SourceLocation,
  subject?: DiagnosticSubject,
): Diagnostic {
  return {
    code,
    kind: DIAGNOSTIC_KINDS[code],
    message,
    location,
    ...(subject === undefined ? {} : { subject }),
  };
}

/** True for a diagnostic of an input the tool could not fully interpret. */
export function isIncomplete(d: Diagnostic): boolean {
  return d.kind === 'incomplete';
}
