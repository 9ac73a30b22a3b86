// Dependency rules for `npm run depcheck` (scripts/checks/depcheck.mjs). Folder cycles are checked there too,
// over the graph dependency-cruiser resolves: a folder is shared/<x>, functions/<x> or infra/<x>.
// Known violations (to be fixed, not to grow) live in .dependency-cruiser-known-violations.json.

/** Composition roots and test code: the only places that may import an adapter. */
const COMPOSITION_ROOTS = [
  '^shared/adapters/',
  '^functions/runtime/[^/]*wiring[^/]*\\.ts$',
  '^infra/local/',
  '^infra/ops/',
  '^test/',
  '^scripts/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-functions-or-infra',
      comment: 'Domain code in shared/ knows nothing of handlers or infrastructure.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'adapter-outside-composition-root',
      comment: 'Adapters are wired only by the composition roots (functions/runtime/*wiring*.ts, infra/local, infra/ops) and tests.',
      severity: 'error',
      from: { pathNot: COMPOSITION_ROOTS },
      // The table and queue designs are data the CDK app builds its resources from, not adapters.
      to: { path: '^shared/adapters/', pathNot: '^shared/adapters/(dynamodb/schema|sqs/queue-spec)\\.ts$' },
    },
  ],
  options: {
    // typescript 7 has no JS compiler API, so swc parses the TypeScript; type-only imports count as dependencies.
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|cdk\\.out|\\.local)/|\\.test\\.ts$|^test/checks/fixtures/' },
    enhancedResolveOptions: { conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
