/** The patched sources, or null when nodejieba's sources are not the ones this patch knows. */
export function patchSources(cpp: string, h: string): { cpp: string; h: string } | null;
/** index.js with loadAsync, or null when it is not the one this patch knows. */
export function patchIndex(js: string): string | null;
/** cppjieba's DictTrie.hpp building its dictionary without copies of its entries, or null when it is not the one this patch knows. */
export function patchDictTrie(hpp: string): string | null;
