/**
 * The architecture's invariants (ARCHITECTURE.md), checked on every `npm test`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'common-is-isomorphic',
      comment: 'common/ runs in the browser and on the server: no server/, web/ or node: imports.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(server|web)/|^node:', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'common-no-core-modules',
      severity: 'error',
      from: { path: '^common/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-not-server',
      comment: 'The web app talks to the server over HTTP only.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-not-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'no-foreign-sql',
      comment:
        "A feature's queries (sql.ts, and *-sql.ts where one file would hold too many) are private to that feature: others call its service.",
      severity: 'error',
      from: { path: '^server/features/([^/]+)/' },
      to: { path: '^server/features/[^/]+/[a-z-]*sql\\.ts$', pathNot: '^server/features/$1/' },
    },
    {
      name: 'http-layer-below-features',
      comment: 'server/http is the mechanism features build on; it never reaches into a feature.',
      severity: 'error',
      from: { path: '^server/http/' },
      to: { path: '^server/features/' },
    },
    {
      name: 'db-below-features',
      comment:
        'server/db is the pool, migrations and schema: features build on it, never the other way (seeds live in server/seed/).',
      severity: 'error',
      from: { path: '^server/db/' },
      to: { path: '^server/(features|http|seed|jobs)/|^server/(app|deps|features|main)\\.ts$' },
    },
    {
      name: 'jobs-above-features',
      comment:
        'server/jobs runs the work features declare; below it, features and the http layer see only the contract (server/jobs/job.ts).',
      severity: 'error',
      from: { path: '^server/(features|http|db|lib)/' },
      to: { path: '^server/jobs/', pathNot: '^server/jobs/job\\.ts$' },
    },
    {
      name: 'no-test-code-in-product',
      comment:
        "Tests, their harness (server/testing/), the features' matrix rows (*.authz.ts), factories (*.factories.ts) and the processes a test starts (*.child.ts) are test code.",
      severity: 'error',
      from: {
        path: '^(server|common|web)/',
        pathNot: '(\\.test\\.tsx?$|\\.(authz|factories|child)\\.ts$|^server/testing/)',
      },
      to: { path: '(^server/testing/|\\.test\\.tsx?$|\\.(authz|factories|child)\\.ts$)' },
    },
    {
      name: 'migrations-stand-alone',
      comment: 'Migrations are frozen SQL: nothing imports them as code.',
      severity: 'error',
      from: {},
      to: { path: '^server/db/migrations/.+\\.ts$' },
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
    exclude: { path: '^(node_modules|dist|data|\\.test-artifacts|\\.scratch)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
  },
};
