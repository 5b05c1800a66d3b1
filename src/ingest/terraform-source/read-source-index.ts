import { readFile } from 'node:fs/promises';
import type { SourceLocation } from '../../model/source.js';
import { jsonPathLines } from './json-lines.js';
import { locateBlocks } from './locate-blocks.js';

/** Where addresses' blocks are in the .tf files, and on which line of the plan JSON paths are. */
export interface SourceIndex {
  readonly blocks: ReadonlyMap<string, SourceLocation>;
  readonly planLines: ReadonlyMap<string, number>;
}

/**
 * Reads the plan (already validated by `check`) and the .tf files of `terraformDir` and the local
 * modules the plan names. A file that cannot be read locates nothing: locations are a convenience.
 */
export async function readSourceIndex(
  planFile: string,
  terraformDir: string,
  addresses: readonly string[],
  jsonPaths: readonly string[],
): Promise<SourceIndex> {
  const text = await readFile(planFile, 'utf8').catch(() => undefined);
  if (text === undefined) return { blocks: new Map(), planLines: new Map() };
  return {
    blocks: await locateBlocks(terraformDir, text, addresses),
    planLines: jsonPathLines(text, jsonPaths),
  };
}
