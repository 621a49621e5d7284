// The postinstall patch of nodejieba: its load builds one dictionary, and TextRank still works when asked for.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import jieba from 'nodejieba';
import { patchDictTrie, patchIndex, patchSources } from '../../scripts/patch-nodejieba.mjs';
import { execFileSync } from 'node:child_process';

const home = dirname(createRequire(import.meta.url).resolve('nodejieba/package.json'));
const installed = { cpp: readFileSync(join(home, 'lib', 'nodejieba.cpp'), 'utf8'), h: readFileSync(join(home, 'lib', 'nodejieba.h'), 'utf8'), js: readFileSync(join(home, 'index.js'), 'utf8'), hpp: readFileSync(join(home, 'submodules', 'cppjieba', 'include', 'cppjieba', 'DictTrie.hpp'), 'utf8') };

describe('patchSources', () => {
  it('knows the installed nodejieba sources', () => {
    expect(patchSources(installed.cpp, installed.h)).not.toBeNull();
  });

  it('makes the TextRank extractor on its first use instead of at load', () => {
    const patched = patchSources(installed.cpp, installed.h)!;
    const load = patched.cpp.slice(patched.cpp.indexOf('NodeJieba::load('), patched.cpp.indexOf('NodeJieba::insertWord('));
    expect(load).not.toMatch(/TextRankExtractor\(/);
    expect(patched.cpp).toMatch(/if\( !_text_rank_extractor_handle \)\{\n\s+_text_rank_extractor_handle = new cppjieba::TextRankExtractor\(_dict_path/);
    expect(patched.h).toContain('std::string _dict_path');
  });

  it('frees jieba when the addon instance goes (a worker thread ends)', () => {
    const patched = patchSources(installed.cpp, installed.h)!;
    expect(patched.h).toContain('~NodeJieba();');
    expect(patched.cpp).toMatch(/NodeJieba::~NodeJieba\(\) \{\n  delete _jieba_handle;\n  delete _text_rank_extractor_handle;\n\}/);
  });

  it('adds a loadAsync that builds jieba on a pool thread and keeps a load done synchronously meanwhile', () => {
    const patched = patchSources(installed.cpp, installed.h)!;
    expect(patched.cpp).toContain('InstanceMethod("loadAsync", &NodeJieba::loadAsync)');
    expect(patched.cpp).toMatch(/void Execute\(\) override \{ _jieba = new cppjieba::Jieba\(/);
    expect(patched.cpp).toMatch(/bool NodeJieba::adopt\([^)]*\) \{\n  if \(_jieba_handle\) return false;/);
    expect(patched.h).toContain('Napi::Value loadAsync(const Napi::CallbackInfo& info);');
  });

  it('changes nothing the second time', () => {
    const once = patchSources(installed.cpp, installed.h)!;
    expect(patchSources(once.cpp, once.h)).toEqual(once);
  });

  it('refuses sources it does not know', () => {
    expect(patchSources('int main() {}', '#pragma once\n')).toBeNull();
  });
});

describe('patchIndex', () => {
  it('adds loadAsync to index.js once, falling back to a synchronous load on a stock addon', () => {
    const js = patchIndex(installed.js)!;
    expect(js).toContain('loadAsync: function (dictJson, callback)');
    expect(js).toContain("typeof binding.loadAsync !== 'function'");
    expect(patchIndex(js)).toBe(js);
  });

  it('refuses an index.js it does not know', () => {
    expect(patchIndex('module.exports = {};')).toBeNull();
  });
});

describe('patchDictTrie', () => {
  it('builds the dictionary without copies of its entries, once', () => {
    const hpp = patchDictTrie(installed.hpp)!;
    expect(hpp).not.toContain('vector<DictUnit> x = static_node_infos_;');
    expect(hpp).toContain('nth_element(x.begin(), x.begin() + x.size() / 2, x.end());');
    expect(hpp).toContain('trie_->InsertNode(dictUnits[i].word, &dictUnits[i]);');
    expect(hpp).toContain('units.shrink_to_fit();');
    expect(patchDictTrie(hpp)).toBe(hpp);
  });

  it('refuses a header it does not know', () => {
    expect(patchDictTrie('#pragma once\n')).toBeNull();
  });
});

describe('nodejieba as installed', () => {
  it('loads off the main thread, which goes on meanwhile, then cuts as jieba does', () => {
    const probe = `const jieba = require('nodejieba');
let ticks = 0;
const timer = setInterval(() => ticks++, 1);
const started = Date.now();
jieba.loadAsync({}, (err, adopted) => {
  clearInterval(timer);
  process.stdout.write(JSON.stringify({ err: err && String(err), adopted, ticks, ms: Date.now() - started, cut: jieba.cut('示范区召开疫情防控工作会议').join('/') }));
});`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' })) as { err: string | null; adopted: boolean; ticks: number; cut: string };
    expect(out.err).toBeNull();
    expect(out.adopted).toBe(true);
    // The event loop kept turning while the dictionaries were built (a synchronous load would leave 0 or 1 tick).
    expect(out.ticks).toBeGreaterThan(5);
    expect(out.cut).toBe('示范区/召开/疫情/防控/工作/会议');
  });

  it('still extracts keywords by TextRank', () => {
    const ranked = jieba.textRankExtract('示范区召开疫情防控工作会议，研究部署疫情防控工作，要求抓好疫情防控', 3);
    expect(ranked.map((r) => r.word)).toContain('防控');
  });
});
