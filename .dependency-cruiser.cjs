/** The floors of src/, top to bottom: an import may only point down (or beside, to store/config/logger/errors), never up, and never in a cycle. */
const floors = ['corpus', 'knowledge', 'search', 'app', 'bot|digest', 'transports', 'cli|main\\.ts'];
const side = '^src/(store/|config\\.ts|logger\\.ts|errors\\.ts|threads\\.ts)';
const path = (names) => `^src/(${names})(/|$)`;

const floorRules = floors.slice(0, -1).map((floor, i) => ({
  name: `floor-${floor.replace(/\W.*/, '')}`,
  comment: `src/${floor} sits on floor ${i}: it may import only the floors below it and the side modules.`,
  severity: 'error',
  from: { path: path(floor) },
  to: { path: path(floors.slice(i + 1).join('|')) },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'Modules depend on each other in a cycle: move the shared part down a floor.', severity: 'error', from: {}, to: { circular: true } },
    ...floorRules,
    {
      name: 'bot-digest-one-way',
      comment: 'digest/ may use bot/ formatting; bot/ reaches digests only through the DigestPort it is given.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^src/digest/' },
    },
    {
      name: 'side-modules-stay-beside',
      comment: 'store/, config.ts, logger.ts, errors.ts and threads.ts sit beside the floors: they import none of them.',
      severity: 'error',
      from: { path: side },
      to: { path: `^src/(${floors.join('|')})(/|$)` },
    },
    {
      name: 'src-not-from-tests',
      comment: 'Code in src/ never imports tests/ or bench/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
