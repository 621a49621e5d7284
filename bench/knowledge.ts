/**
 * Times the knowledge build: `npx tsx bench/knowledge.ts [--articles N] [--cast M] [--realistic] [--adds K]`.
 * Articles are raw-style texts through the real parser: by default made from a cast of titled people (Zipf popularity);
 * with --realistic, bench/realistic.ts's archive, whose cast is known, so people that are not in it (junk) are counted.
 * The last K pages of 12 are added one at a time (the median and worst add are printed). Prints one JSON line (build time as wall clock and as this process's CPU time, which a busy machine does not inflate).
 */
import { parseArgs } from 'node:util';
import jieba from 'nodejieba';
import { parsePage } from '../src/corpus/parse.ts';
import type { Article } from '../src/corpus/types.ts';
import { addArticles, buildKnowledge } from '../src/knowledge/state.ts';
import { realisticArchive } from './realistic.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, cast: { type: 'string', default: '5000' }, seed: { type: 'string', default: '1' }, realistic: { type: 'boolean', default: false }, adds: { type: 'string', default: '1' } } });
const N = Number(values.articles);
const CAST = Number(values.cast);
let state = Number(values.seed) >>> 0 || 1;
const rand = (): number => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴'];
const GIVEN = [...'建国华明伟芳军强磊敏静丽涛勇杰娟艳斌超波辉刚平鹏霞飞红玲峰宇浩凯晨东林新文志海清俊英春晓利民'];
const TITLES = ['市委书记', '市委常委、副市长', '市人大常委会副主任', '市政协副主席', '区财政局局长', '区应急管理局局长', '区发展改革委主任',
  '党工委副书记、管委会主任', '党工委书记', '文昌街道党工委书记', '杨楼村党支部书记', '河南科彤科技有限公司董事长', '焦作市第一中学校长'];
const MEETINGS = ['座谈会', '恳谈会', '观摩会', '推进会', '工作会议', '常务会议', '专题会议'];
const TOPICS = ['疫情防控', '安全生产', '防汛', '重点项目建设', '优化营商环境', '人居环境整治', '科技创新'];

const cast = Array.from({ length: CAST }, (_, i) => ({
  name: pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : ''),
  title: TITLES[i % TITLES.length]!,
}));
/** Zipf: person k is chosen with weight 1/(k+1). */
const weights = cast.map((_, k) => 1 / (k + 1));
const total = weights.reduce((a, b) => a + b, 0);
const zipf = (): (typeof cast)[number] => {
  let r = rand() * total;
  for (let k = 0; k < cast.length; k++) if ((r -= weights[k]!) <= 0) return cast[k]!;
  return cast[0]!;
};

function page(day: number, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const [a, b, c] = [zipf(), zipf(), zipf()];
    const topic = pick(TOPICS);
    const kind = pick(MEETINGS);
    const month = 1 + (day % 12);
    const body = `本报讯（记者张明远）${month}月${1 + (i % 28)}日上午，示范区召开${topic}${kind}。${a.title}${a.name}主持会议并讲话，${b.title}${b.name}出席会议，`
      + `区领导${c.name}、${zipf().name}参加会议。${a.name}强调，要把${topic}各项工作抓紧抓实，${'确保各项任务落到实处，'.repeat(1 + Math.floor(rand() * 8))}推动工作取得实效。`;
    parts.push(`示范区召开${topic}${kind}`, '', body.replace(/(.{15})/gu, '$1\n'), '');
  }
  return parts.join('\n');
}

/** The synthetic pages (or the realistic archive's) parsed, and the names of the people they were written with. */
function sourceArticles(): { articles: Article[]; names: Set<string> } {
  const articles: Article[] = [];
  if (values.realistic) {
    const archive = realisticArchive(N, Number(values.seed));
    for (const p of archive.pages) articles.push(...parsePage(p));
    return { articles, names: new Set(archive.cast.map((p) => p.name)) };
  }
  const pages = Math.ceil(N / 12);
  for (let d = 0; d < pages; d++) {
    const year = 2015 + Math.floor((d / pages) * 10);
    articles.push(...parsePage({ source: `p${d}.txt`, text: page(d, Math.min(12, N - articles.length)), published: `${year}-12-31` }));
  }
  return { articles, names: new Set(cast.map((p) => p.name)) };
}

const t0 = performance.now();
const { articles, names } = sourceArticles();
const parseMs = performance.now() - t0;
// jieba loads its dictionary on first use (about a second); the bot has it loaded for search before any page comes.
jieba.tag('预热');
const ADDS = Math.max(1, Number(values.adds));
const t1 = performance.now();
const cpu = process.cpuUsage();
let added = buildKnowledge(articles.slice(0, -12 * ADDS));
const buildMs = performance.now() - t1;
const buildCpuMs = process.cpuUsage(cpu).user / 1000;
const adds: Array<{ ms: number; cpuMs: number }> = [];
for (let k = ADDS; k > 0; k--) {
  const t2 = performance.now();
  const addCpu = process.cpuUsage();
  added = addArticles(added, articles.slice(-12 * k, articles.length - 12 * (k - 1)));
  adds.push({ ms: performance.now() - t2, cpuMs: process.cpuUsage(addCpu).user / 1000 });
}
const median = (xs: number[]): number => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
const addMs = median(adds.map((a) => a.ms));
const addCpuMs = median(adds.map((a) => a.cpuMs));
const worstAddCpuMs = Math.round(Math.max(...adds.map((a) => a.cpuMs)));
const json = JSON.stringify(added);
const people = added.directory.people;
const junk = people.filter((p) => !names.has(p.name));
console.log(JSON.stringify({
  articles: articles.length, cast: names.size, people: people.length, junk: junk.length,
  junkSample: junk.sort((a, b) => b.appearances.length - a.appearances.length).slice(0, 12).map((p) => `${p.name}:${p.appearances.length}`),
  spellings: Object.keys(added.directory.spellings).length,
  titles: people.reduce((n, p) => n + p.titles.length, 0),
  appearances: people.reduce((n, p) => n + p.appearances.length, 0),
  roles: people.reduce((n, p) => n + Object.values(p.roles).reduce((a, b) => a + b, 0), 0),
  meetings: added.meetings.length, parseMs: Math.round(parseMs), buildMs: Math.round(buildMs), buildCpuMs: Math.round(buildCpuMs), addPageMs: addMs, addPageCpuMs: addCpuMs, worstAddCpuMs, stateMB: +(json.length / 2 ** 20).toFixed(1),
}));
