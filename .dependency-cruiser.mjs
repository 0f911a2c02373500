// dependency-cruiser: the import rules of the house (`npm run deps:check`; docs/contributing.md).
// Type-only imports count like value imports: a cycle of types is still a cycle to read.

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle, value or type: each module can be read after the ones it imports.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-not-to-edges',
      comment:
        'The domain (knowledge, retrieval, answer, analyze) never imports the edges: the HTTP layer, the ' +
        'chat and IDE integrations, or the Node/Worker platform code. The edges call the domain, not the reverse.',
      severity: 'error',
      from: { path: '^src/(knowledge|retrieval|answer|analyze)/' },
      to: { path: '^src/(http|integrations|platform)/' },
    },
    {
      name: 'src-not-to-tests-or-scripts',
      comment: 'The service never imports test helpers or build scripts (they are not shipped).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every relative import resolves to a file.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^(cloudflare|node):' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|build|\\.wrangler)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.d.ts'],
    },
  },
};
