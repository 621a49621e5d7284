/** Tiny argument reading shared by the command-line tools. */

/** Splits argv into flags (--name value / --flag) and positional words. */
export function parseArgs(argv: string[], booleans: string[] = []): { flags: Map<string, string | true>; words: string[] } {
  const flags = new Map<string, string | true>();
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) flags.set(name, inline);
      else if (booleans.includes(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) flags.set(name, true);
      else flags.set(name, argv[++i]!);
    } else words.push(arg);
  }
  return { flags, words };
}
