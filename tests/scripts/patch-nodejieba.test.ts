// The postinstall patch of nodejieba: its load builds one dictionary, and TextRank still works when asked for.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import jieba from 'nodejieba';
import { patchSources } from '../../scripts/patch-nodejieba.mjs';

const home = dirname(createRequire(import.meta.url).resolve('nodejieba/package.json'));
const installed = { cpp: readFileSync(join(home, 'lib', 'nodejieba.cpp'), 'utf8'), h: readFileSync(join(home, 'lib', 'nodejieba.h'), 'utf8') };

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

  it('changes nothing the second time', () => {
    const once = patchSources(installed.cpp, installed.h)!;
    expect(patchSources(once.cpp, once.h)).toEqual(once);
  });

  it('refuses sources it does not know', () => {
    expect(patchSources('int main() {}', '#pragma once\n')).toBeNull();
  });
});

describe('nodejieba as installed', () => {
  it('still extracts keywords by TextRank', () => {
    const ranked = jieba.textRankExtract('示范区召开疫情防控工作会议，研究部署疫情防控工作，要求抓好疫情防控', 3);
    expect(ranked.map((r) => r.word)).toContain('防控');
  });
});
