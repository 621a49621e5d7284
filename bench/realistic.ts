/**
 * A realistic synthetic archive for the benchmark, written as raw pages: content words drawn from jieba's dictionary
 * by frequency (so the vocabulary keeps growing with the archive), people and places from large casts with Zipf
 * popularity and tenure windows, campaigns with lifespans, log-normal article lengths. Deterministic from a seed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jieba from 'nodejieba';
import { mulberry32 } from './synth.ts';

/** Parts of speech drawn for body text: nouns, verbs, verbal nouns, adjectives, set phrases. */
const CONTENT_TAGS = new Set(['n', 'v', 'vn', 'a', 'an', 'l', 'nz', 'ad', 'd']);
/** How many of the dictionary's most frequent content words are drawn from. */
const VOCABULARY = 80_000;
/** Words ending like a place or an organisation: left to the casts, so word salad does not coin names. */
const NAMED_SUFFIX = /(?:村|镇|乡|街道|社区|公司|中学|小学|大学|学校|医院|中心|集团|产业园)$/u;
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴宫'];
const GIVEN = [...'建国华明伟芳军强磊敏静丽涛勇杰娟艳斌超波辉刚平鹏霞飞红玲峰宇浩凯晨东林新文志海清俊英春晓利民沛坤玉德永秀兰桂荣福生金立群卫红亮松'];
const PLACE_HEADS = [...'杨柳桥河山庄李王张马东西南北前后上下中新大小陈刘赵高朱郭孙宋韩冯黄石沟坡岭店营屯寨堡坊泉湖塘'];
const PLACE_TAILS = [...'楼庙庄岗园寨屯营店集河湾桥坡沟井'];
const PLACE_SUFFIXES = ['村', '村', '村', '社区', '镇', '街道', '乡'];
const POSTS = ['党工委书记', '党工委副书记、管委会主任', '管委会副主任', '区财政局局长', '区应急管理局局长', '区发展改革委主任', '区教育局局长',
  '区卫生健康委主任', '区市场监管局局长', '区住房和城乡建设局局长', '街道党工委书记', '镇党委书记', '村党支部书记', '社区党支部书记',
  '公司董事长', '学校校长', '市委常委、副市长', '市人大常委会副主任', '市政协副主席', '区纪工委书记'];
const REPORTERS = ['郭树勋', '王梦', '李嘉', '张明远', '赵晓', '陈琳', '刘洋', '孙伟', '周静'];
const ROLES = ['调研', '检查', '督导', '考察'];
const MEETING_KINDS = ['推进会', '座谈会', '工作会议', '专题会议', '观摩会', '部署会', '动员会'];
/** Campaigns printed only in their years. */
export const CAMPAIGNS: ReadonlyArray<{ term: string; from: number; to: number }> = [
  { term: '疫情防控', from: 2020, to: 2022 }, { term: '核酸检测', from: 2020, to: 2022 }, { term: '复工复产', from: 2020, to: 2020 },
  { term: '灾后重建', from: 2021, to: 2022 }, { term: '万人助万企', from: 2021, to: 2024 }, { term: '三个一批', from: 2021, to: 2024 },
  { term: '乡村振兴', from: 2018, to: 2024 }, { term: '脱贫攻坚', from: 2015, to: 2020 }, { term: '扫黑除恶', from: 2018, to: 2021 },
  { term: '创建文明城市', from: 2015, to: 2019 }, { term: '营商环境', from: 2017, to: 2024 }, { term: '安全生产', from: 2015, to: 2024 },
  { term: '人居环境整治', from: 2018, to: 2024 }, { term: '防汛', from: 2015, to: 2024 }, { term: '大气污染防治', from: 2016, to: 2021 },
  { term: '项目建设', from: 2015, to: 2024 }, { term: '双减', from: 2021, to: 2023 }, { term: '河长制', from: 2017, to: 2024 },
];
const FIRST_YEAR = 2015;
const YEARS = 10;

export interface Person {
  name: string;
  post: string;
  from: number;
  to: number;
}

export interface RealisticArchive {
  /** Raw page texts, one per publication day, with their file names and dates. */
  pages: Array<{ source: string; text: string; published: string }>;
  cast: Person[];
  places: string[];
  /** The content words drawn from, most frequent first. */
  vocabulary: string[];
}

/** Draws an index from cumulative weights. */
function drawer(weights: number[], rand: () => number): () => number {
  const cum = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (cum[i] = total += w));
  return () => {
    const r = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

let dictionaryWords: Array<{ word: string; freq: number }> | null = null;
/** jieba's own dictionary: content words of 2–4 Han characters, most frequent first. */
export function jiebaWords(): Array<{ word: string; freq: number }> {
  if (dictionaryWords) return dictionaryWords;
  const file = (jieba as unknown as { DEFAULT_DICT: string }).DEFAULT_DICT;
  const out: Array<{ word: string; freq: number }> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [word, freq, tag] = line.split(' ');
    if (!word || !tag || !CONTENT_TAGS.has(tag) || !/^\p{Script=Han}{2,4}$/u.test(word) || NAMED_SUFFIX.test(word)) continue;
    out.push({ word, freq: Number(freq) });
  }
  out.sort((a, b) => b.freq - a.freq || (a.word < b.word ? -1 : 1));
  return (dictionaryWords = out.slice(0, VOCABULARY));
}

/** A cast of `size` distinct people, each holding a post over a window of years. */
function makeCast(size: number, rand: () => number): Person[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const seen = new Set<string>();
  const cast: Person[] = [];
  while (cast.length < size) {
    const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.75 ? pick(GIVEN) : '');
    if (seen.has(name)) continue;
    seen.add(name);
    const from = FIRST_YEAR + Math.floor(rand() * YEARS);
    cast.push({ name, post: pick(POSTS), from, to: Math.min(FIRST_YEAR + YEARS - 1, from + 1 + Math.floor(rand() * 6)) });
  }
  return cast;
}

function makePlaces(size: number, rand: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const seen = new Set<string>();
  for (let tries = 0; seen.size < size && tries < size * 20; tries++) seen.add(pick(PLACE_HEADS) + pick(PLACE_TAILS) + pick(PLACE_SUFFIXES));
  return [...seen];
}

/** A standard normal draw (Box–Muller). */
const gauss = (rand: () => number): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());

/** Hard-wraps text into a narrow column, as a scanned page prints it. */
const wrap = (text: string, width: number): string => text.replace(new RegExp(`(.{${width}})`, 'gu'), '$1\n');

/**
 * `n` articles (about) on pages of up to 12, one page a day spread over 2015–2024. Casts scale with the archive:
 * about one person per 4 articles (at least 2,000) and one place per 20 (at least 500).
 */
export function realisticArchive(n: number, seed = 1): RealisticArchive {
  const rand = mulberry32(seed * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = jiebaWords();
  const drawWord = drawer(words.map((w) => w.freq), rand);
  const cast = makeCast(Math.max(2_000, Math.round(n / 4)), rand);
  const drawPerson = drawer(cast.map((_, k) => 1 / (k + 1)), rand);
  const places = makePlaces(Math.max(500, Math.round(n / 20)), rand);
  const drawPlace = drawer(places.map((_, k) => 1 / (k + 1)), rand);
  const personIn = (year: number): Person => {
    for (let t = 0; t < 30; t++) {
      const p = cast[drawPerson()]!;
      if (p.from <= year && year <= p.to) return p;
    }
    return cast[drawPerson()]!;
  };
  const sentence = (extra: string[]): string => {
    const parts: string[] = [];
    const len = 4 + Math.floor(rand() * 10);
    for (let i = 0; i < len; i++) parts.push(words[drawWord()]!.word + (i > 0 && i < len - 1 && rand() < 0.15 ? '，' : ''));
    if (extra.length > 0) parts.splice(Math.floor(rand() * parts.length), 0, ...extra);
    return `${parts.join('')}。`;
  };
  const perPage = 12;
  const pageCount = Math.max(1, Math.ceil(n / perPage));
  const totalDays = YEARS * 365;
  const pages: RealisticArchive['pages'] = [];
  let made = 0;
  for (let p = 0; p < pageCount; p++) {
    const day = Math.floor(((p + rand() * 0.9) / pageCount) * totalDays);
    const date = new Date(Date.UTC(FIRST_YEAR, 0, 1) + day * 86_400_000);
    const published = date.toISOString().slice(0, 10);
    const year = date.getUTCFullYear();
    const [month, dom] = [date.getUTCMonth() + 1, date.getUTCDate()];
    const live = CAMPAIGNS.filter((c) => c.from <= year && year <= c.to);
    const count = Math.min(perPage, n - made);
    const items: string[] = [];
    for (let i = 0; i < count; i++, made++) {
      const [lead, other, third] = [personIn(year), personIn(year), personIn(year)];
      const place = places[drawPlace()]!;
      const campaign = live.length > 0 && rand() < 0.5 ? pick(live).term : null;
      const topic = campaign ?? words[drawWord()]!.word;
      const meeting = rand() < 0.4;
      const title = meeting ? `示范区召开${topic}${pick(MEETING_KINDS)}` : `${lead.name}到${place}${pick(ROLES)}${topic}工作`;
      const chars = Math.min(6_000, Math.max(120, Math.round(Math.exp(6.3 + 0.6 * gauss(rand)))));
      const opening = meeting
        ? `示范区召开${topic}${pick(MEETING_KINDS)}。${lead.post}${lead.name}主持会议并讲话，${other.post}${other.name}出席会议，区领导${third.name}、${personIn(year).name}参加会议。`
        : `${lead.post}${lead.name}到${place}${pick(ROLES)}${topic}工作。${other.post}${other.name}陪同。`;
      const paragraphs = [`本报讯（记者${pick(REPORTERS)} 通讯员${pick(REPORTERS)}） ${month}月${dom}日上午，${opening}`];
      let length = paragraphs[0]!.length;
      while (length < chars) {
        const mention = rand() < 0.2 ? [rand() < 0.5 ? lead.name : places[drawPlace()]!] : rand() < 0.15 && campaign ? [campaign] : [];
        const para = [sentence(mention), sentence([]), ...(rand() < 0.5 ? [sentence([])] : [])].join('');
        const opener = rand() < 0.3 ? `${lead.name}强调，` : '';
        paragraphs.push(opener + para);
        length += para.length + opener.length;
      }
      const width = 12 + Math.floor(rand() * 8);
      items.push(title, '', paragraphs.map((para) => wrap(para, width)).join('\n\n'), '');
    }
    pages.push({ source: `${published}-${String(p).padStart(6, '0')}.txt`, text: items.join('\n'), published });
  }
  return { pages, cast, places, vocabulary: words.map((w) => w.word) };
}

/** Writes the pages and their manifest into `dir`, as the bot reads a folder of pages. */
export function writeArchive(archive: RealisticArchive, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const p of archive.pages) writeFileSync(join(dir, p.source), p.text);
  const manifest = { pages: Object.fromEntries(archive.pages.map((p) => [p.source, { published: p.published }])) };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
}
