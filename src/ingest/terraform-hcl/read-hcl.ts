import { UNKNOWN_ACCOUNT_ID } from '../../model/inventory.js';
import type { PlanModel } from '../../model/plan.js';
import type { Diagnostic, SourceLocation } from '../../model/source.js';
import { resolveAwsManagedPolicy } from '../aws-managed-policies/resolve-aws-managed-policy.js';
import { withAwsManagedPolicies } from '../terraform-plan/aws-managed.js';
import { orderDiagnostics } from '../terraform-plan/ordering.js';
import { buildPlanModel } from '../terraform-plan/to-model.js';
import { buildHclPlan } from './build-plan.js';
import { HclWorld } from './hcl-world.js';
import { type HclTree, readHclTree } from './read-hcl-tree.js';

export interface HclOptions {
  /** `--var-file`s, in order, after terraform.tfvars and *.auto.tfvars. */
  readonly varFiles?: readonly string[];
  /**
   * The account the model describes when the provider's allowed_account_ids does not say: the one the
   * declarations' identities name. Without it, the account the .tf files' ARNs name most.
   */
  readonly accountId?: string;
}

/** How much of the tree was read, for the closing note of a corpus run. */
export interface HclStats {
  readonly files: number;
  readonly modules: number;
  readonly resources: number;
  readonly dataSources: number;
  /** Policy documents in the model: customer managed, inline, trust and resource policies. */
  readonly policies: number;
  readonly unresolved: number;
  readonly approximated: number;
}

/** A .tf tree read into the model, with the file and line of every resource address. */
export interface HclModel {
  readonly model: PlanModel;
  readonly blocks: ReadonlyMap<string, SourceLocation>;
  readonly stats: HclStats;
}

const ARN_ACCOUNT = /arn:aws[\w-]*:[\w-]*:[\w-]*:(\d{12}):/g;

/** The account the .tf files mostly name in ARNs (AWS managed policies name none), ties broken by order. */
export function mostNamedAccount(tree: HclTree): string | undefined {
  const counts = new Map<string, number>();
  for (const module of tree.modules.values()) {
    for (const file of module.files) {
      for (const match of file.text.matchAll(ARN_ACCOUNT)) {
        const account = match[1] ?? '';
        counts.set(account, (counts.get(account) ?? 0) + 1);
      }
    }
  }
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0];
}

/** The first account of the root aws provider's allowed_account_ids. */
function allowedAccount(world: HclWorld): string | undefined {
  const block = world.root.definition.providers.get('aws');
  if (block === undefined) return undefined;
  const value = world.root.evaluateRaw(block.body.allowed_account_ids, {}, []);
  const [first] = Array.isArray(value) ? value : [];
  return typeof first === 'string' && /^\d{12}$/.test(first) ? first : undefined;
}

function countPolicies(model: PlanModel): number {
  const { after } = model;
  const inline = after.principals.reduce(
    (sum, principal) => sum + principal.inlinePolicies.length + (principal.trustPolicy === undefined ? 0 : 1),
    0,
  );
  const managed = after.managedPolicies.filter((policy) => policy.address !== undefined).length;
  return inline + managed + after.resourcePolicies.length;
}

/** The plan reader's account and region notes, said of .tf files rather than of a plan. */
function inHclWords(diagnostic: Diagnostic): Diagnostic {
  if (diagnostic.code === 'plan.account-unknown') {
    return {
      ...diagnostic,
      code: 'hcl.account-unknown',
      message: `no allowed_account_ids of the aws provider, identity ARN of the config or ARN in the .tf files names the AWS account; synthesised ARNs use ${UNKNOWN_ACCOUNT_ID}`,
    };
  }
  if (diagnostic.code === 'plan.region-unknown') {
    return {
      ...diagnostic,
      code: 'hcl.region-unknown',
      message: 'the aws provider sets no region the .tf files alone tell; synthesised ARNs use us-east-1',
    };
  }
  return diagnostic;
}

/** The pure part: an HCL tree already read from disk, as a model. */
export async function hclTreeToModel(tree: HclTree, options: HclOptions = {}): Promise<HclModel> {
  const probe = new HclWorld(tree, { partition: 'aws' });
  // an ARN in a .tf often names another account (a trust, a bucket policy grant): it comes last
  const account = allowedAccount(probe) ?? options.accountId ?? mostNamedAccount(tree);
  const world = new HclWorld(tree, { partition: 'aws', ...(account === undefined ? {} : { account }) });
  const plan = buildHclPlan(world);
  const region = world.root.providerRegion('aws');
  const built = buildPlanModel(plan.raw, tree.root, {
    ...(account === undefined ? {} : { accountId: account }),
    ...(region === undefined ? {} : { region }),
    locate: (path) => plan.paths.get(path),
  });
  const resolved = await withAwsManagedPolicies(built, resolveAwsManagedPolicy);
  const diagnostics = orderDiagnostics([...plan.diagnostics, ...resolved.diagnostics.map(inHclWords)]);
  // without a plan there is no world before it: nothing is deleted, replaced or widened by it
  const model: PlanModel = { ...resolved, before: resolved.after, changes: [], diagnostics };
  const count = (code: string) => diagnostics.filter((d) => d.code === code).length;
  return {
    model,
    blocks: plan.blocks,
    stats: {
      files: [...tree.modules.values()].reduce((sum, module) => sum + module.files.length, 0),
      modules: tree.modules.size,
      resources: plan.stats.resources,
      dataSources: plan.stats.dataSources,
      policies: countPolicies(model),
      unresolved: count('hcl.unresolved'),
      approximated: count('hcl.approximated') + count('plan.approximated'),
    },
  };
}

/** Reads every .tf file of `dir` and the local modules it calls (with hcl2json) into the model. */
export async function readHcl(dir: string, options: HclOptions = {}): Promise<HclModel> {
  return hclTreeToModel(await readHclTree(dir, options.varFiles ?? []), options);
}
