/**
 * `postinstall`: rebuilds nodejieba so that its load builds one dictionary instead of two, and can build it off the
 * main thread.
 *
 * nodejieba 3.5.8's load() builds cppjieba's Jieba and also a TextRankExtractor with its own copy of the same
 * 350k-word dictionary, which jznews never uses: about half of jieba's load time (~0.5 s of every start) and ~110 MB
 * of RSS. The patch makes the TextRank extractor on its first use (textRankExtract still works), and frees both when
 * the addon's instance goes (a worker thread that cut text ends: nodejieba never frees them). It also adds
 * `loadAsync(options, callback)` (to the addon and to index.js): the dictionaries are built on a thread of libuv's pool
 * while the main thread reads and parses the snapshot, and a synchronous load done meanwhile is kept. And cppjieba
 * builds its dictionary without three copies of its entries (~35 % less load time, the same cuts). The addon is built
 * from source in a scratch copy and moved into place only once it loads and cuts correctly, so a failure anywhere
 * leaves nodejieba exactly as npm installed it, with one warning on stderr. Run it again with `npm run postinstall`
 * (npm passes its build settings, such as nodedir); it does nothing when the installed addon is already patched.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'jznews patch: TextRank';
const BINARY = join('build', 'Release', 'nodejieba.node');
const DICT_TRIE = join('submodules', 'cppjieba', 'include', 'cppjieba', 'DictTrie.hpp');

/** The patched sources (the three changes below), or null when nodejieba's sources are not the ones this patch knows. */
export function patchSources(cpp, h) {
  const lazy = lazyTextRank(cpp, h);
  const freed = lazy && freedWithItsThread(lazy.cpp, lazy.h);
  return freed && loadedOffThread(freed.cpp, freed.h);
}

const ASYNC_MARKER = 'jznews patch: loadAsync';

/** A loadAsync(dict, model, user, idf, stop, callback) that builds jieba on a thread of libuv's pool, so the main thread goes on meanwhile; a load done synchronously in between is kept. */
function loadedOffThread(cpp, h) {
  if (cpp.includes(ASYNC_MARKER)) return { cpp, h };
  const method = '    InstanceMethod("insertWord", &NodeJieba::insertWord)\n';
  const declaration = '  Napi::Value insertWord(const Napi::CallbackInfo& info);\n';
  if (!cpp.includes('\nNapi::Value NodeJieba::load(') || !cpp.includes(method) || !h.includes(declaration) || !h.includes(CONSTRUCTOR)) return null;
  const loader = `
// ${ASYNC_MARKER}: jieba's dictionaries are built on a thread of libuv's pool while the main thread goes on.
namespace {
class JiebaLoader : public Napi::AsyncWorker {
 public:
  JiebaLoader(Napi::Function& callback, NodeJieba* addon, std::string dict, std::string model, std::string user, std::string idf, std::string stop)
      : Napi::AsyncWorker(callback), _addon(addon), _dict(dict), _model(model), _user(user), _idf(idf), _stop(stop) {}
  ~JiebaLoader() { delete _jieba; }
  void Execute() override { _jieba = new cppjieba::Jieba(_dict, _model, _user, _idf, _stop); }
  void OnOK() override {
    bool adopted = _addon->adopt(_jieba, _dict, _model, _user, _stop);
    if (adopted) _jieba = nullptr;
    Callback().Call({Env().Null(), Napi::Boolean::New(Env(), adopted)});
  }
 private:
  NodeJieba* _addon;
  cppjieba::Jieba* _jieba{nullptr};
  std::string _dict, _model, _user, _idf, _stop;
};
}

bool NodeJieba::adopt(cppjieba::Jieba* jieba, const std::string& dict, const std::string& model, const std::string& user, const std::string& stop) {
  if (_jieba_handle) return false;
  _jieba_handle = jieba;
  _dict_path = dict;
  _model_path = model;
  _user_dict_path = user;
  _stop_words_path = stop;
  return true;
}

Napi::Value NodeJieba::loadAsync(const Napi::CallbackInfo& info) {
  if (info.Length() != 6 || !info[5].IsFunction()) {
    return Napi::Boolean::New(info.Env(), false);
  }
  Napi::Function callback = info[5].As<Napi::Function>();
  std::string paths[5];
  for (int i = 0; i < 5; i++) paths[i] = info[i].As<Napi::String>();
  (new JiebaLoader(callback, this, paths[0], paths[1], paths[2], paths[3], paths[4]))->Queue();
  return Napi::Boolean::New(info.Env(), true);
}
`;
  return {
    cpp: cpp.replace(method, `    InstanceMethod("loadAsync", &NodeJieba::loadAsync),\n${method}`).replace('\nNapi::Value NodeJieba::load(', `${loader}\nNapi::Value NodeJieba::load(`),
    h: h
      .replace(CONSTRUCTOR, `${CONSTRUCTOR}  bool adopt(cppjieba::Jieba* jieba, const std::string& dict, const std::string& model, const std::string& user, const std::string& stop);\n`)
      .replace(declaration, `${declaration}  Napi::Value loadAsync(const Napi::CallbackInfo& info);\n`),
  };
}

const TRIE_MARKER = 'jznews patch: the weights alone';
const WEIGHTS = `    XCHECK(!static_node_infos_.empty());
    vector<DictUnit> x = static_node_infos_;
    sort(x.begin(), x.end(), WeightCompare);
    min_weight_ = x[0].weight;
    max_weight_ = x[x.size() - 1].weight;
    median_weight_ = x[x.size() / 2].weight;`;
const TRIE = `    vector<Unicode> words;
    vector<const DictUnit*> valuePointers;
    for (size_t i = 0 ; i < dictUnits.size(); i ++) {
      words.push_back(dictUnits[i].word);
      valuePointers.push_back(&dictUnits[i]);
    }

    trie_ = new Trie(words, valuePointers);`;
const SHRINK = '    vector<DictUnit>(units.begin(), units.end()).swap(units);';

/**
 * cppjieba's DictTrie.hpp building the dictionary without three copies of its 350k entries (each a vector and a
 * string): the median weight from the weights alone, the trie filled in place, the list shrunk in place. The same
 * weights, trie and cuts, ~35 % less load time; null when the header is not the one this patch knows.
 */
export function patchDictTrie(hpp) {
  if (hpp.includes(TRIE_MARKER)) return hpp;
  if (!hpp.includes(WEIGHTS) || !hpp.includes(TRIE) || !hpp.includes(SHRINK)) return null;
  return hpp
    .replace(WEIGHTS, `    XCHECK(!static_node_infos_.empty());
    // ${TRIE_MARKER}, not a sorted copy of every entry.
    vector<double> x(static_node_infos_.size());
    for (size_t i = 0; i < x.size(); i++) x[i] = static_node_infos_[i].weight;
    min_weight_ = *min_element(x.begin(), x.end());
    max_weight_ = *max_element(x.begin(), x.end());
    nth_element(x.begin(), x.begin() + x.size() / 2, x.end());
    median_weight_ = x[x.size() / 2];`)
    .replace(TRIE, `    // The entries inserted in place, not copied into a list of words first.
    trie_ = new Trie(vector<Unicode>(), vector<const DictUnit*>());
    for (size_t i = 0 ; i < dictUnits.size(); i ++) {
      trie_->InsertNode(dictUnits[i].word, &dictUnits[i]);
    }`)
    .replace(SHRINK, '    units.shrink_to_fit();');
}

const INDEX_LOAD_END = '    var result = getNodejieba().load(dict, hmmDict, userDict, idfDict, stopWordDict);\n    isDictLoaded = true;\n    return result;\n  }\n};\n';

/** index.js with loadAsync(options, callback): the dictionaries built off the main thread when the addon can (a stock addon loads synchronously); null when index.js is not the one this patch knows. */
export function patchIndex(js) {
  if (js.includes(ASYNC_MARKER)) return js;
  if (!js.includes(INDEX_LOAD_END)) return null;
  const loadAsync = `    var result = getNodejieba().load(dict, hmmDict, userDict, idfDict, stopWordDict);
    isDictLoaded = true;
    return result;
  },

  // ${ASYNC_MARKER}: builds the dictionaries on a thread of libuv's pool; callback(err, adopted) once they are in use.
  loadAsync: function (dictJson, callback) {
    dictJson = dictJson || {};
    var binding = getNodejieba();
    if (typeof binding.loadAsync !== 'function') {
      var loaded = exports.load(dictJson);
      return void process.nextTick(callback, null, loaded);
    }
    binding.loadAsync(
      dictJson.dict || exports.DEFAULT_DICT,
      dictJson.hmmDict || exports.DEFAULT_HMM_DICT,
      dictJson.userDict || exports.DEFAULT_USER_DICT,
      dictJson.idfDict || exports.DEFAULT_IDF_DICT,
      dictJson.stopWordDict || exports.DEFAULT_STOP_WORD_DICT,
      function (err, adopted) {
        if (!err) isDictLoaded = true;
        callback(err, adopted);
      }
    );
  }
};
`;
  return js.replace(INDEX_LOAD_END, loadAsync);
}

const DESTRUCTOR = 'NodeJieba::~NodeJieba()';
const CONSTRUCTOR = '  NodeJieba(Napi::Env env, Napi::Object exports);\n';

/** Frees jieba's dictionaries when the addon's instance goes (a worker thread that loaded jieba ends): nodejieba never deletes them. */
function freedWithItsThread(cpp, h) {
  if (cpp.includes(DESTRUCTOR)) return { cpp, h };
  const at = cpp.indexOf('\nNapi::Value NodeJieba::load(');
  if (at < 0 || !h.includes(CONSTRUCTOR)) return null;
  const destructor = `\n// jznews patch: a worker thread's jieba is freed when the thread ends.\n${DESTRUCTOR} {\n  delete _jieba_handle;\n  delete _text_rank_extractor_handle;\n}\n`;
  return { cpp: cpp.slice(0, at) + destructor + cpp.slice(at), h: h.replace(CONSTRUCTOR, `${CONSTRUCTOR}  ~NodeJieba();\n`) };
}

/** TextRank's extractor made on its first use: at load it builds a second copy of the dictionary. */
function lazyTextRank(cpp, h) {
  if (cpp.includes(MARKER)) return { cpp, h };
  const start = cpp.indexOf('  delete _text_rank_extractor_handle;\n  _text_rank_extractor_handle = new cppjieba');
  const end = cpp.indexOf('  return Napi::Boolean::New(info.Env(), true);', start);
  const check = '  if( !_text_rank_extractor_handle ){\n    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();\n  }\n';
  const member = '  cppjieba::TextRankExtractor* _text_rank_extractor_handle{nullptr};\n';
  if (start < 0 || end < 0 || !cpp.includes(check) || !h.includes(member) || !h.includes('#include <napi.h>\n')) return null;
  const load = [
    `  // ${MARKER}'s own copy of the dictionary is built on its first use, not at every load.`,
    '  delete _text_rank_extractor_handle;',
    '  _text_rank_extractor_handle = nullptr;',
    '  _dict_path = dictPath;',
    '  _model_path = modelPath;',
    '  _stop_words_path = stopWordsPath;',
    '  _user_dict_path = userDictPath;',
    '',
    '',
  ].join('\n');
  const lazy = [
    '  if( !_jieba_handle ){',
    '    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();',
    '    return info.Env().Undefined();',
    '  }',
    '  if( !_text_rank_extractor_handle ){',
    '    _text_rank_extractor_handle = new cppjieba::TextRankExtractor(_dict_path, _model_path, _stop_words_path, _user_dict_path);',
    '  }',
    '',
  ].join('\n');
  return {
    cpp: cpp.slice(0, start) + load + cpp.slice(end).replace(check, lazy),
    h: h
      .replace('#include <napi.h>\n', '#include <napi.h>\n#include <string>\n')
      .replace(member, `${member}  std::string _dict_path, _model_path, _stop_words_path, _user_dict_path;\n`),
  };
}

/** Loads the addon in `dir` in a fresh process, off the main thread, and checks that it cuts and extracts as jieba does. */
function works(dir) {
  const probe = `const j = require(${JSON.stringify(join(dir, 'index.js'))});
j.loadAsync({}, (err, adopted) => {
  const cut = j.cut('示范区召开疫情防控工作会议').join('/');
  const ranked = j.textRankExtract('示范区召开疫情防控工作会议，研究部署疫情防控工作', 2);
  if (err || adopted !== true || cut !== '示范区/召开/疫情/防控/工作/会议' || !Array.isArray(ranked) || ranked.length !== 2) process.exit(1);
});`;
  execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 60_000 });
}

function main() {
  const require = createRequire(import.meta.url);
  const home = dirname(require.resolve('nodejieba/package.json'));
  // The files the patch changes, as installed and as patched (a null: a file this patch does not know).
  const files = [join('lib', 'nodejieba.cpp'), join('lib', 'nodejieba.h'), 'index.js', DICT_TRIE];
  const installed = files.map((f) => readFileSync(join(home, f), 'utf8'));
  const [cpp, h, js, hpp] = installed;
  const sources = patchSources(cpp, h);
  const patched = [sources?.cpp ?? null, sources?.h ?? null, patchIndex(js), patchDictTrie(hpp)];
  if (patched.includes(null)) throw new Error(`nodejieba ${require('nodejieba/package.json').version}'s sources are not the ones this patch knows (3.5.8)`);
  if (patched.every((text, i) => text === installed[i])) return void process.stderr.write('jznews: nodejieba is already patched\n');
  const scratch = join(dirname(home), '.jznews-nodejieba-build');
  rmSync(scratch, { recursive: true, force: true });
  try {
    cpSync(home, scratch, { recursive: true, filter: (p) => !p.startsWith(join(home, 'build')) });
    files.forEach((f, i) => writeFileSync(join(scratch, f), patched[i]));
    const preGyp = join(dirname(require.resolve('@mapbox/node-pre-gyp/package.json')), 'bin', 'node-pre-gyp');
    execFileSync(process.execPath, [preGyp, 'rebuild', '--build-from-source'], { cwd: scratch, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 2 ** 20, timeout: 15 * 60_000 });
    works(scratch);
    renameSync(join(scratch, BINARY), join(home, BINARY));
    files.forEach((f, i) => writeFileSync(join(home, f), patched[i]));
    process.stderr.write('jznews: nodejieba rebuilt so that its load builds one dictionary (see scripts/patch-nodejieba.mjs)\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  try {
    main();
  } catch (err) {
    const lines = String(err?.stderr ?? '').split('\n');
    const detail = (lines.find((l) => /ERR! stack \w*Error/.test(l)) ?? lines.find((l) => /ERR!/.test(l)))?.trim() || String(err?.message ?? err).split('\n')[0];
    process.stderr.write(`jznews: nodejieba left as installed (its load also builds a TextRank dictionary: ~0.5 s and ~110 MB more); ${detail}\n`);
  }
}
