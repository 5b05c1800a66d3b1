import fc from 'fast-check';

// Property tests are seeded so a failure reproduces; set BLAST_RADIUS_PROP_SEED to explore other seeds.
fc.configureGlobal({ seed: Number(process.env.BLAST_RADIUS_PROP_SEED ?? 20261122) });
