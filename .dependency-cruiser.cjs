/**
 * Layering: model <- ingest <- policy <- graph <- rules <- pipeline <- report | ui | action <- cli.
 * A module imports only from its own layer or lower ones; framework and process APIs stay at the edges.
 */
const LAYERS = ['model', 'ingest', 'policy', 'graph', 'rules', 'pipeline', 'report', 'ui', 'action', 'cli'];
const ABOVE = {
  model: LAYERS.slice(1),
  ingest: LAYERS.slice(2),
  policy: LAYERS.slice(3),
  graph: LAYERS.slice(4),
  rules: LAYERS.slice(5),
  pipeline: LAYERS.slice(6),
  report: ['ui', 'action', 'cli', 'pipeline'],
};

const layerRules = Object.entries(ABOVE).map(([layer, above]) => ({
  name: `${layer}-imports-no-higher-layer`,
  severity: 'error',
  comment: `src/${layer} must not import from ${above.join(', ')}`,
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${above.join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'model-imports-nothing',
      severity: 'error',
      from: { path: '^src/model/' },
      to: { pathNot: '^src/model/' },
    },
    {
      name: 'edges-only-use-frameworks',
      severity: 'error',
      comment: 'commander, ink, react and @actions/* belong to cli/, ui/ and action/',
      from: { path: '^src/', pathNot: '^src/(cli|ui|action)/' },
      to: { path: 'node_modules/(commander|ink|react|@actions)/' },
    },
    {
      name: 'aws-sdk-only-in-aws-live',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/ingest/aws-live/' },
      to: { path: 'node_modules/@aws-sdk/' },
    },
    {
      name: 'pure-core-has-no-io',
      severity: 'error',
      comment: 'policy, graph and rules are pure: they receive what they need',
      from: { path: '^src/(policy|graph|rules)/' },
      to: {
        path: '^(fs|node:fs|fs/promises|node:fs/promises|process|node:process|child_process|node:child_process)$',
      },
    },
    {
      name: 'agpl-simulator-never-in-src',
      severity: 'error',
      comment: '@cloud-copilot/iam-simulate is AGPL: tests only',
      from: { path: '^src/' },
      to: { path: 'node_modules/@cloud-copilot/iam-simulate/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
