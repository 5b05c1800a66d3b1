// Builds the GitHub Action's dist/: action.js (src/action/entry.ts bundled by esbuild, every
// dependency inside), package.json (the bundle is an ES module), licenses.txt (the licenses of what
// it bundles), and data/ (the IAM action catalog and the latest version of every AWS managed policy,
// which a bundle cannot load from node_modules). The output is deterministic: CI rebuilds it and
// fails when the committed dist/ differs.
//
// usage: node scripts/build-action.mjs   (after `npm run build`: the data is read through build/)
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, licenses, repo } from './bundle.mjs';
import { writeBundledData } from './write-bundled-data.mjs';

const dist = join(repo, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'data'), { recursive: true });

const metafile = await bundle({
  entryPoints: [join(repo, 'src/action/entry.ts')],
  outfile: join(dist, 'action.js'),
  // the Action always reads a plan: HCL mode's parser (a WebAssembly module it loads from its own
  // directory, imported only on first use) stays out of the bundle
  external: ['@cdktf/hcl2json'],
});
await writeFile(join(dist, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
await writeFile(join(dist, 'licenses.txt'), await licenses(metafile));

await writeBundledData(join(dist, 'data'));
