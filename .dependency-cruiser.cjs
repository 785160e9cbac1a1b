/**
 * The architecture of lib/, checked by `npm run lint` (dependency-cruiser):
 * no import circles, and each layer imports only the layers below it.
 *
 *   catalog, net, naming, input, markers, errors, value classes   pure basics
 *   constructs (lib/*.ts but fleet.ts and index.ts)                 the typed model
 *   model (resolve, resolved), rules                                constructs → plain data + findings
 *   synth                                                           resolved data → charts, fleet.json
 *   diagram                                                         resolved data → Mermaid, DOT, SVG
 *   io                                                              files: the lock, the output folder
 *   fleet.ts                                                        the root construct: resolve → synth → write
 *   pulumi, testing                                                 entry points of their own
 *   cli                                                             the command line: runs a fleet program
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle makes load order matter and layers meaningless; move the shared piece down a layer.',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'pulumi-only-in-binding',
      severity: 'error',
      comment: 'The model stays free of Pulumi: only lib/pulumi/ may import @pulumi/*.',
      from: { path: '^lib/', pathNot: '^lib/pulumi/' },
      to: { path: '@pulumi/' },
    },
    {
      name: 'constructs-no-synthesis-or-io',
      severity: 'error',
      comment: 'Constructs describe the fleet; they never synthesize or touch files. Only the root Fleet (fleet.ts) runs resolve → synth → write.',
      from: { path: '^lib/[^/]+[.]ts$', pathNot: '^lib/(fleet|index)[.]ts$' },
      to: { path: '^lib/(synth|io|pulumi|testing)/' },
    },
    {
      name: 'model-reads-no-synthesis-or-io',
      severity: 'error',
      comment: 'Resolving and the rules are pure: no synthesis, no files, no binding.',
      from: { path: '^lib/(model|rules|net|catalog)/' },
      to: { path: '^lib/(synth|io|pulumi|testing)/' },
    },
    {
      name: 'synthesis-reads-resolved-data-only',
      severity: 'error',
      comment: 'Synthesis reads the resolved fleet, never the constructs, and writes no file itself.',
      from: { path: '^lib/synth/' },
      to: { path: '^lib/((fleet|regional-cluster|environment-fleet|fleet-app)[.]ts$|model/resolve[.]ts$|io/|pulumi/)' },
    },
    {
      name: 'diagram-reads-resolved-data-only',
      severity: 'error',
      comment: 'Pictures of the fleet are drawn from the resolved fleet: no constructs, no resolving again, no files, no binding.',
      from: { path: '^lib/diagram/' },
      to: { path: '^lib/((fleet|regional-cluster|environment-fleet|fleet-app|gdpr-zone|global-load-balancer)[.]ts$|model/resolve[.]ts$|io/|pulumi/|testing/)' },
    },
    {
      name: 'files-only-in-io',
      severity: 'error',
      comment: 'File I/O lives in lib/io/ (and the testing entry point, which reads its schemas, and the command line\'s own files: the program, package.json, the plan).',
      from: { path: '^lib/', pathNot: '^lib/(io|testing)/|^lib/cli/files[.]ts$' },
      to: { dependencyTypes: ['core'], path: '^(node:)?fs' },
    },
    {
      name: 'cli-is-the-top',
      severity: 'error',
      comment: 'The command line is an entry point: nothing in the library imports it.',
      from: { path: '^lib/', pathNot: '^lib/cli/' },
      to: { path: '^lib/cli/' },
    },
    {
      name: 'cli-loads-pulumi-lazily',
      severity: 'error',
      comment: 'synth, list and diff never load @pulumi: the command line imports only types of lib/pulumi, and plan requires it when it runs.',
      from: { path: '^lib/cli/' },
      to: { path: '^lib/pulumi/', dependencyTypesNot: ['type-only', 'type-import'] },
    },
    {
      name: 'binding-reads-resolved-data-only',
      severity: 'error',
      comment: 'The Pulumi binding deploys the resolved fleet; it never reads constructs or resolves again.',
      from: { path: '^lib/pulumi/' },
      to: { path: '^lib/((regional-cluster|environment-fleet|fleet-app)[.]ts$|model/resolve[.]ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(node_modules|build)/' },
  },
};
