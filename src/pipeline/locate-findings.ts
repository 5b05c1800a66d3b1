import { dirname, isAbsolute, relative, sep } from 'node:path';
import { readSourceIndex } from '../ingest/terraform-source/read-source-index.js';
import type { Finding } from '../model/finding.js';
import type { Report } from '../model/report.js';
import type { SourceLocation } from '../model/source.js';

const TERRAFORM_IDENTITY = 'terraform:';

/**
 * The Terraform addresses that explain a finding, most specific first: its own, the statements that
 * grant it, then the identities its agent is declared by (for grants from AWS managed policies).
 */
function addressesOf(finding: Finding, agentIdentities: ReadonlyMap<string, readonly string[]>): string[] {
  const refs = [...finding.evidence.statements, ...finding.evidence.path.flatMap((hop) => hop.statements)];
  const identities = finding.agent === undefined ? [] : (agentIdentities.get(finding.agent) ?? []);
  const addresses = [finding.address, ...refs.map((ref) => ref.address), ...identities];
  return [...new Set(addresses.filter((a): a is string => a !== undefined))];
}

function terraformIdentities(report: Report): Map<string, readonly string[]> {
  return new Map(
    report.agents.map((agent) => [
      agent.name,
      agent.identities
        .filter((id) => id.startsWith(TERRAFORM_IDENTITY))
        .map((id) => id.slice(TERRAFORM_IDENTITY.length)),
    ]),
  );
}

/**
 * Where each finding is best shown, by finding id: the `resource` block of its Terraform address
 * (or of the first statement that explains it) in the .tf files under `terraformDir` (default: the
 * plan's directory) or of the Terraform identity its agent is declared by, else its place in the plan
 * JSON, else the plan file.
 */
export interface LocateOptions {
  /** The root module's directory; default, the plan's. */
  readonly terraformDir?: string;
  /** The repository checkout: files under it are given relative to it, as code scanning needs. */
  readonly root?: string;
  /** HCL mode (no plan): the .tf block of every resource address, as the HCL reader found them. */
  readonly blocks?: ReadonlyMap<string, SourceLocation>;
}

/** HCL mode: each finding at the block of its address (or a statement's, or its agent's identity), else its own location. */
function locateInBlocks(
  report: Report,
  blocks: ReadonlyMap<string, SourceLocation>,
  root: string | undefined,
): Map<string, SourceLocation> {
  const identities = terraformIdentities(report);
  const located = new Map<string, SourceLocation>();
  for (const finding of report.findings) {
    const location =
      addressesOf(finding, identities)
        .map((address) => blocks.get(address))
        .find((found) => found !== undefined) ?? finding.location;
    if (location !== undefined)
      located.set(finding.id, { ...location, file: underRoot(location.file, root) });
  }
  return located;
}

export async function locateFindings(
  report: Report,
  options: LocateOptions = {},
): Promise<Map<string, SourceLocation>> {
  if (options.blocks !== undefined) return locateInBlocks(report, options.blocks, options.root);
  const planFile = report.inputs.plan;
  const located = new Map<string, SourceLocation>();
  if (planFile === undefined) return located;
  const identities = terraformIdentities(report);
  const addressesOfFinding = (f: Finding) => addressesOf(f, identities);
  const inPlan = (f: Finding) => (f.location?.file === planFile ? f.location.path : undefined);
  const index = await readSourceIndex(
    planFile,
    options.terraformDir ?? dirname(planFile),
    report.findings.flatMap(addressesOfFinding),
    report.findings.flatMap((f) => inPlan(f) ?? []),
  );
  for (const finding of report.findings) {
    const block = addressesOfFinding(finding)
      .map((address) => index.blocks.get(address))
      .find((location) => location !== undefined);
    const path = inPlan(finding);
    const line = path === undefined ? undefined : index.planLines.get(path);
    const location =
      block ??
      (path === undefined
        ? { file: planFile }
        : { file: planFile, path, ...(line === undefined ? {} : { line }) });
    located.set(finding.id, { ...location, file: underRoot(location.file, options.root) });
  }
  return located;
}

function underRoot(file: string, root: string | undefined): string {
  if (root === undefined || !isAbsolute(file)) return file;
  const inRoot = relative(root, file);
  const outside = inRoot === '..' || inRoot.startsWith(`..${sep}`) || isAbsolute(inRoot);
  return outside ? file : inRoot;
}
