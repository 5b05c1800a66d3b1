import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SourceLocation } from '../../model/source.js';
import { parseInstanceAddress } from '../terraform-plan/address.js';

/** Only what locating blocks needs of `configuration`: each module call's source, at any depth. */
interface ModuleCalls {
  readonly [name: string]: {
    readonly source?: string | undefined;
    readonly module?: ConfigModule | undefined;
  };
}
interface ConfigModule {
  readonly module_calls?: ModuleCalls | undefined;
}
const configModuleSchema: z.ZodType<ConfigModule> = z.object({
  get module_calls() {
    return z
      .record(z.string(), z.object({ source: z.string().optional(), module: configModuleSchema.optional() }))
      .optional();
  },
});
const planSchema = z.object({
  configuration: z.object({ root_module: configModuleSchema.optional() }).optional(),
});

/**
 * The .tf file and line of each address's `resource` or `data` block, for the addresses whose
 * block is found: the root module is `terraformDir`, and a module's directory follows the local
 * `source` of each call the plan's configuration records (registry modules are not on disk).
 */
export async function locateBlocks(
  terraformDir: string,
  planText: string,
  addresses: readonly string[],
): Promise<Map<string, SourceLocation>> {
  const plan = planSchema.safeParse(JSON.parse(planText));
  const root = plan.success ? plan.data.configuration?.root_module : undefined;
  const headers = new Map<string, Promise<Map<string, SourceLocation>>>();
  const found = new Map<string, SourceLocation>();
  for (const address of [...new Set(addresses)].sort()) {
    const parsed = parseInstanceAddress(address);
    if (!parsed) continue;
    const dir = moduleDirectory(
      terraformDir,
      root,
      parsed.modules.map((m) => m.name),
    );
    if (dir === undefined) continue;
    let blocks = headers.get(dir);
    if (!blocks) {
      blocks = blockHeaders(dir);
      headers.set(dir, blocks);
    }
    const location = (await blocks).get(
      `${parsed.mode === 'data' ? 'data' : 'resource'} ${parsed.type} ${parsed.name}`,
    );
    if (location) found.set(address, location);
  }
  return found;
}

function moduleDirectory(
  root: string,
  module: ConfigModule | undefined,
  path: readonly string[],
): string | undefined {
  let dir = root;
  let current = module;
  for (const name of path) {
    const call = current?.module_calls?.[name];
    if (!call?.source || !/^\.\.?\//.test(call.source)) return undefined;
    dir = join(dir, call.source);
    current = call.module;
  }
  return dir;
}

const BLOCK_HEADER = /^[ \t]*(resource|data)[ \t]+"([^"]+)"[ \t]+"([^"]+)"[ \t]*\{/gm;

/** `resource TYPE NAME` -> where its block starts, over the directory's .tf files (none if unreadable). */
async function blockHeaders(dir: string): Promise<Map<string, SourceLocation>> {
  const out = new Map<string, SourceLocation>();
  const files = await readdir(dir).catch(() => []);
  for (const name of files.filter((f) => f.endsWith('.tf')).sort()) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const match of text.matchAll(BLOCK_HEADER)) {
      const key = `${match[1]} ${match[2]} ${match[3]}`;
      if (out.has(key)) continue;
      const line = text.slice(0, match.index).split('\n').length;
      out.set(key, { file, line });
    }
  }
  return out;
}
