// Bundles the CLI into build/bin/: blast-radius.mjs (src/cli/main.ts with its dependencies inside)
// and the chunks it imports on first use (the live account's AWS SDK, the Ink report), plus
// licenses.txt. One file starts in a fraction of the time Node takes to resolve and compile the
// hundreds of modules the compiled sources import. It reads build/data/ (../data/ from it).
//
// usage: node scripts/build-cli.mjs   (after `tsc` and scripts/write-bundled-data.mjs)
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundle, licenses, repo } from './bundle.mjs';

const out = join(repo, 'build/bin');

await rm(out, { recursive: true, force: true });
const metafile = await bundle({
  entryPoints: { 'blast-radius': join(repo, 'src/cli/main.ts') },
  outdir: out,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  // HCL mode's parser loads a WebAssembly module from its own directory; Ink's optional devtools
  // are not installed
  external: ['@cdktf/hcl2json', 'react-devtools-core'],
});
await writeFile(join(out, 'licenses.txt'), await licenses(metafile));
