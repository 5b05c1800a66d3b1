import type { HclFile } from './read-hcl-tree.js';

/** One block of a module: its body as hcl2json gives it, and where it is. */
export interface BlockRef {
  readonly file: string;
  readonly line: number;
  readonly body: Readonly<Record<string, unknown>>;
}

export interface ResourceBlock {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly block: BlockRef;
}

/** A module's declarations, from all its .tf files. */
export interface ModuleDefinition {
  readonly dir: string;
  readonly variables: ReadonlyMap<string, BlockRef>;
  readonly locals: ReadonlyMap<string, { readonly raw: unknown; readonly file: string }>;
  /** By local address: `aws_iam_role.x`, `data.aws_iam_policy_document.y`. */
  readonly resources: ReadonlyMap<string, ResourceBlock>;
  readonly moduleCalls: ReadonlyMap<string, BlockRef>;
  readonly outputs: ReadonlyMap<string, BlockRef>;
  /** `aws`, `aws.west` (alias). */
  readonly providers: ReadonlyMap<string, BlockRef>;
}

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The 1-based line where a block starts: hcl2json gives no positions, so the header is found in the
 * text (`resource "type" "name" {`, labels quoted or not, at the start of a line so a commented-out
 * block is not taken). Line 1 when not found.
 */
export function blockLine(text: string, keyword: string, labels: readonly string[]): number {
  const label = (value: string) => `[ \\t]+(?:"${escapeRegExp(value)}"|${escapeRegExp(value)})`;
  const header = new RegExp(`^[ \\t]*${keyword}${labels.map(label).join('')}[ \\t]*\\{`, 'm');
  const match = header.exec(text);
  return match === null ? 1 : text.slice(0, match.index).split('\n').length;
}

/** The bodies of `keyword "label" {}` blocks: hcl2json gives a list per label. */
function labelled(
  body: Readonly<Record<string, unknown>>,
  keyword: string,
): [string, Readonly<Record<string, unknown>>][] {
  const group = body[keyword];
  if (!isPlainObject(group)) return [];
  return Object.entries(group).flatMap(([label, bodies]) => {
    const first: unknown = Array.isArray(bodies) ? bodies[0] : bodies;
    return isPlainObject(first) ? [[label, first]] : [];
  });
}

export function collectDefinition(dir: string, files: readonly HclFile[]): ModuleDefinition {
  const variables = new Map<string, BlockRef>();
  const locals = new Map<string, { raw: unknown; file: string }>();
  const resources = new Map<string, ResourceBlock>();
  const moduleCalls = new Map<string, BlockRef>();
  const outputs = new Map<string, BlockRef>();
  const providers = new Map<string, BlockRef>();
  for (const { file, text, body } of files) {
    const ref = (keyword: string, labels: string[], block: Readonly<Record<string, unknown>>): BlockRef => ({
      file,
      line: blockLine(text, keyword, labels),
      body: block,
    });
    for (const [name, block] of labelled(body, 'variable'))
      variables.set(name, ref('variable', [name], block));
    for (const [name, block] of labelled(body, 'module')) moduleCalls.set(name, ref('module', [name], block));
    for (const [name, block] of labelled(body, 'output')) outputs.set(name, ref('output', [name], block));
    for (const [name, block] of labelled(body, 'provider')) {
      const alias = block.alias;
      providers.set(typeof alias === 'string' ? `${name}.${alias}` : name, ref('provider', [name], block));
    }
    for (const blocks of Array.isArray(body.locals) ? body.locals : [body.locals]) {
      if (!isPlainObject(blocks)) continue;
      for (const [name, raw] of Object.entries(blocks)) locals.set(name, { raw, file });
    }
    for (const mode of ['managed', 'data'] as const) {
      const keyword = mode === 'managed' ? 'resource' : 'data';
      const group = body[keyword];
      if (!isPlainObject(group)) continue;
      for (const [type, named] of Object.entries(group)) {
        if (!isPlainObject(named)) continue;
        for (const [name, bodies] of Object.entries(named)) {
          const block: unknown = Array.isArray(bodies) ? bodies[0] : bodies;
          if (!isPlainObject(block)) continue;
          const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
          if (!resources.has(address))
            resources.set(address, { mode, type, name, block: ref(keyword, [type, name], block) });
        }
      }
    }
  }
  return { dir, variables, locals, resources, moduleCalls, outputs, providers };
}
