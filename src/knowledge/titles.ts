/** Official titles as printed: reading a title chain before a name, folding short forms, and the level a title sits at. */
import type { Level } from './types.ts';

/** Post words a title ends with, longest first (a post decides the rank: 书记 and 副书记 are different posts). */
export const POSTS = [
  '常务副书记', '常务副主任', '常务副市长', '常务副区长', '常务副县长', '副总指挥', '副秘书长', '副总经理', '副董事长', '副指挥长', '总工程师',
  '副书记', '副主任', '副市长', '副区长', '副县长', '副镇长', '副乡长', '副省长', '副主席', '副局长', '副部长', '副校长', '副院长',
  '副所长', '副站长', '副队长', '副厅长', '副处长', '副科长', '副会长', '副组长', '秘书长', '总经理', '董事长', '总指挥', '指挥长',
  '巡视员', '调研员', '督导员',
  '负责人', '理事长', '检察长', '书记', '主任', '市长', '区长', '县长', '镇长', '乡长', '省长', '主席', '局长', '部长', '常委', '委员',
  '经理', '总裁', '校长', '院长', '所长', '站长', '队长', '厅长', '处长', '科长', '会长', '组长', '行长', '社长', '馆长', '园长', '庭长',
  '政委', '总监', '主委', '支书',
] as const;

/** Posts by their last character, longest first: a text position is tested only against the posts that can end there. */
const BY_LAST = new Map<string, string[]>();
for (const p of POSTS) BY_LAST.set(p.at(-1)!, [...(BY_LAST.get(p.at(-1)!) ?? []), p]);

/** Which UTF-16 units a post can end with (1 = some post does). */
const LAST_UNITS = new Uint8Array(65536);
for (const last of BY_LAST.keys()) LAST_UNITS[last.charCodeAt(0)] = 1;

/** Whether a post can end just before `end` in `text` (a cheap test before postEndingAt). */
export const mayEndPostAt = (text: string, end: number): boolean => end > 0 && LAST_UNITS[text.charCodeAt(end - 1)] === 1;

/** The post printed just before `end` in `text`, or null. */
export function postEndingAt(text: string, end: number): string | null {
  const candidates = BY_LAST.get(text[end - 1] ?? '');
  if (!candidates) return null;
  return candidates.find((p) => end >= p.length && text.startsWith(p, end - p.length)) ?? null;
}

/** The post a title unit ends with, or null. */
export function postOf(unit: string): string | null {
  return postEndingAt(unit, unit.length);
}

const ORG_CHAR = /[\p{Script=Han}（）“”]/u;
/** Words a title's organisation never contains: where reading backwards from a post stops. */
const STOP_WORDS = ['陪同', '听取', '会见', '看望', '邀请', '带领', '以及', '同志', '会上', '期间', '上午', '下午', '晚上', '其中', '包括',
  '出席', '参加', '主持', '召开', '讲话', '时任', '现任', '担任', '调研', '一行', '来到', '深入', '先后', '分别', '代表', '由', '在', '和',
  '与', '及', '对', '的', '了', '是', '为', '向', '请', '率', '随', '并', '将', '等', '即', '到', '赴', '日', '后', '据', '从'];
const MAX_ORG = 18;
/** The zone's own name: dropped from titles (its people are listed without it), kept as the district level. */
const ZONE = /^(?:示范区（高新区）|示范区|高新区|（高新区）)/u;

/** The stop words by length (one or two characters), for a lookup per position instead of a scan of the list. */
const STOPS_BY_LENGTH = [1, 2].map((len) => new Set(STOP_WORDS.filter((w) => w.length === len)));

/** Where the organisation before a post at `end` starts: back over Han characters until a stop word or punctuation. */
function orgStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < MAX_ORG && ORG_CHAR.test(text[i - 1]!)) {
    if (STOPS_BY_LENGTH.some((stops, k) => i > k && stops.has(text.slice(i - k - 1, i)))) break;
    i--;
  }
  return i;
}

/** The title chain that ends at `end` (just before a name): units joined by 、, each an organisation and a post; null when none. */
export function titleBefore(text: string, end: number): { raw: string; start: number } | null {
  const post = postEndingAt(text, end);
  if (!post) return null;
  let start = orgStart(text, end - post.length);
  // Earlier units of the chain: 市委常委、副市长 / 党工委副书记、管委会主任.
  while (text[start - 1] === '、') {
    const p = postEndingAt(text, start - 1);
    if (!p) break;
    start = orgStart(text, start - 1 - p.length);
  }
  const raw = text.slice(start, end);
  return raw.length > 0 ? { raw, start } : null;
}

/** One unit as the directory keeps it: the zone's prefix dropped, 管委 → 管委会, 村支书 → 村党支部书记. */
export function normalizeUnit(unit: string): string {
  return unit.replace(ZONE, '').replace(/管委(?!会)/u, '管委会').replace(/(?<!党)支书$/u, '党支部书记');
}

/** A printed chain as the directory keeps it; null when nothing is left of it, or when it names a post held before (原党工委书记). */
export function normalizeTitle(raw: string): string | null {
  if (/^(?:原|前任)/u.test(raw)) return null;
  const units = raw.split('、').map(normalizeUnit).filter((u) => postOf(u) !== null);
  return units.length > 0 ? units.join('、') : null;
}

const isSubsequence = (short: string, long: string): boolean => {
  let i = 0;
  for (const c of long) if (c === short[i]) i++;
  return i === short.length;
};

/** Whether unit `a` is a short form of unit `b`: the same post, and its organisation a subsequence of b's (管委 of 管委会, 发改委 of 发展改革委). */
export function shortUnitOf(a: string, b: string): boolean {
  const pa = postOf(a);
  if (pa === null || pa !== postOf(b)) return false;
  return isSubsequence(a.slice(0, a.length - pa.length), b.slice(0, b.length - pa.length));
}

/** A party cell inside an organisation: 区住建局党组, 阳庙镇党委, 杨楼村党支部. */
const PARTY_CELL = /(?:党组|党委|党总支|党支部)$/u;

/** A chain's units, a bare post given the organisation of the unit before it: 区住建局党组书记、局长 → 区住建局党组书记、区住建局局长. */
export function fullUnits(title: string): string[] {
  const out: string[] = [];
  for (const unit of title.split('、')) {
    const prev = out.at(-1);
    const prevPost = prev === undefined ? null : postOf(prev);
    const org = prev !== undefined && prevPost !== null && postOf(unit) === unit ? prev.slice(0, prev.length - prevPost.length) : '';
    out.push(PARTY_CELL.test(org) && org.replace(PARTY_CELL, '') !== '' ? org.replace(PARTY_CELL, '') + unit : unit);
  }
  return out;
}

/** Whether title `a` is a short form of title `b`: every unit of a is a short form of a unit of b. */
export function shortFormOf(a: string, b: string): boolean {
  if (a === b) return false;
  const bu = fullUnits(b);
  return fullUnits(a).every((u) => bu.some((v) => u === v || shortUnitOf(u, v)));
}

/** Level words a user may type after /people. */
export const LEVEL_WORDS: Record<string, Level> = {
  省: 'province', 省级: 'province', 市: 'city', 市级: 'city', 区: 'district', 区级: 'district', 县: 'district',
  镇: 'township', 乡: 'township', 街道: 'township', 乡镇: 'township', 村: 'village', 社区: 'village',
  部门: 'office', 局: 'office', 单位: 'office', 机关: 'office', 企业: 'company', 公司: 'company', 学校: 'school', 教育: 'school', 其他: 'other',
};

/** How a level is named to a reader. */
export const LEVEL_NAMES: Record<Level, string> = {
  province: '省级', city: '市级', district: '区级', township: '乡镇街道', village: '村和社区', office: '部门', company: '企业', school: '学校', other: '其他',
};

/** Organisations by tier, first match wins: a company, school or village keeps its kind wherever it is; a provincial or city organ (市财政局) is its tier's; the zone's and a county's bureaus are offices. */
const LEVEL_RULES: Array<[RegExp, Level]> = [
  [/公司|集团|企业|工厂|银行|合作社|商会/u, 'company'],
  [/学校|中学|小学|大学|学院|幼儿园|中心校|职专/u, 'school'],
  [/医院|卫生院|协会|基金会/u, 'other'],
  [/村$|村(?:党|委|民|支|两委|第一)|^驻村|社区/u, 'village'],
  [/(?:镇|乡|街道)(?:$|党|政府|人大|办事处|纪)/u, 'township'],
  [/^(?:河南|[^区县市]\p{Script=Han})?省(?!级)/u, 'province'],
  [/^(?:焦作|[^区县镇乡村城超门都]\p{Script=Han})?市(?!场|民|容|区|政(?!府|协))/u, 'city'],
  [/局|办公室|办$|部$|厅|中心$|站$|所$|大队|支队|分局|指挥部|(?<!工|[省市区县]|管|纪|监)委(?:员会)?$/u, 'office'],
  [/^(?:区|县|党工委|管委会|纪工委|示范区|高新区)|^\p{Script=Han}{1,4}[县区](?:$|委|人民政府|政府|人大|政协|纪委|监委)/u, 'district'],
];

/** 省领导, 市领导 and 区领导 lists. */
const LEADER_LEVELS: Record<string, Level> = { 省: 'province', 市: 'city', 区: 'district', 县: 'district' };

/** The level a bare post names when no organisation was printed (副市长 is the city's, 镇长 a township's). */
const POST_LEVELS: Array<[RegExp, Level]> = [
  [/省长$/u, 'province'], [/市长$/u, 'city'], [/[县区]长$/u, 'district'], [/[镇乡]长$/u, 'township'],
  [/校长$/u, 'school'], [/董事长$|经理$|总裁$/u, 'company'], [/局长$|处长$|科长$|所长$|站长$/u, 'office'],
];

/** The level of a title, read from the organisation of its first unit (or a bare post's own rank); 书记 alone or 区领导 is the zone's. */
export function levelOf(title: string): Level {
  const unit = title.split('、')[0] ?? '';
  const post = postOf(unit);
  const org = post ? unit.slice(0, unit.length - post.length) : unit;
  if (org === '') return POST_LEVELS.find(([re]) => re.test(unit))?.[1] ?? 'district';
  if (org.endsWith('领导')) return LEADER_LEVELS[org[0]!] ?? 'district';
  return LEVEL_RULES.find(([re]) => re.test(org))?.[1] ?? 'other';
}
