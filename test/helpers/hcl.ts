import { dirname, normalize } from 'node:path';
import { HclWorld } from '../../src/ingest/terraform-hcl/hcl-world.js';
import { parseHclFile } from '../../src/ingest/terraform-hcl/parse-hcl.js';
import type { HclFile, HclModuleFiles, HclTree } from '../../src/ingest/terraform-hcl/read-hcl-tree.js';
import { type HclValue, isUnknown, toJson } from '../../src/ingest/terraform-hcl/values.js';

/** An HCL tree from in-memory files: `main.tf` and `modules/x/main.tf` (root is `.`); `.tfvars` become variable files in order. */
export async function treeOf(
  files: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>> = {},
): Promise<HclTree> {
  const modules = new Map<string, HclFile[]>();
  const variableFiles = [];
  for (const [path, text] of Object.entries(files)) {
    const body = await parseHclFile(path, text);
    if (path.endsWith('.tfvars')) {
      variableFiles.push({ file: path, values: body });
      continue;
    }
    const dir = dirname(path);
    modules.set(dir, [...(modules.get(dir) ?? []), { file: path, text, body }]);
  }
  const byDir = new Map<string, HclModuleFiles>(
    [...modules.entries()].map(([dir, list]) => [dir, { dir, files: list }]),
  );
  return { root: '.', modules: byDir, variableFiles, readText: (path) => extra[normalize(path)] };
}

export function worldOf(tree: HclTree, account = '111111111111'): HclWorld {
  return new HclWorld(tree, { partition: 'aws', account, region: 'us-east-1' });
}

/** Every resource instance of every module instance, by address. */
export function instancesOf(world: HclWorld) {
  return new Map(
    world
      .moduleInstances()
      .flatMap((module) =>
        [...module.definition.resources.keys()].flatMap(
          (local) =>
            module.resourceInstances(local)?.items.map(({ item }) => [item.address, item] as const) ?? [],
        ),
      ),
  );
}

/** A value as plain data for assertions: an Unknown shows as `{unknown: references, reasons}`. */
export function plain(value: HclValue): unknown {
  if (isUnknown(value)) return { unknown: value.references, reasons: value.reasons };
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return toJson(value);
}
