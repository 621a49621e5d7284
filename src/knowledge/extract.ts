/** Reads people's names, titles and roles out of article text (pure functions, no I/O). */
import jieba from 'nodejieba';
import { deckText, type Article } from '../corpus/types.ts';
import { isCommonNoun, isCommonWord } from './common.ts';
import { matchNames, type NameMatcher } from './matcher.ts';
import { mayEndPostAt, normalizeTitle, postEndingAt, titleBefore } from './titles.ts';
import type { Role, Sighting } from './types.ts';

const HAN = /^\p{Script=Han}+$/u;
/** Common Chinese surnames: a person's name starts with one (compound surnames take two characters). */
const SURNAMES = new Set([...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由']);
const COMPOUND = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '夏侯', '司徒', '西门'];
/** Words that may directly follow a name; multi-character ones are strong evidence of where the name ends. */
const FOLLOW = ['主持', '出席', '参加', '参会', '通过', '深入', '组织', '先后', '调研', '督导', '安排', '立即', '一同', '一起',
  '陪同', '以及', '强调', '指出', '要求', '讲话', '暗访', '看望', '检查', '察看', '带队', '率队', '宣布', '一行', '认真', '详细',
  '走进', '来到', '前往', '召开', '听取', '同志', '表示', '分别', '最后', '在讲话', '在点评', '点评', '签约', '致辞', '代表', '介绍',
  '希望', '说', '慰问', '会见', '带领', '指导', '视察', '作了', '提出', '汇报', '发言', '主讲', '作交流', '莅临', '考察', '致辞', '的陪同',
  '实地', '首先', '亲自', '充分', '宣读', '传达', '带头', '围绕', '结合', '颁发', '通报', '部署', '逐一', '仔细', '专程', '随后', '观看',
  '参观', '查看', '巡查', '督查', '了解', '询问', '对接', '会同', '发表', '作出', '批示', '解读', '回顾', '总结', '点名', '领学', '领读',
  '为获', '上台', '登台', '现场', '高度', '多次', '一直', '主动', '还', '届时', '当选', '荣获', '获得', '被评', '认为', '告诉', '坦言',
  '逐户', '表态', '透露', '谈到', '介绍说', '叮嘱', '鼓励', '勉励', '寄语', '号召', '提醒', '随即', '当即', '积极', '始终', '正在', '参与'];
const FOLLOW_1 = ['就', '到', '赴', '在', '及', '等', '率', '作', '对', '与', '和', '还', '说', '同', '向', '为', '也', '又', '均', '现'];
/** Characters that never end a three-character name: 刘明的陪同 is 刘明 before 的. */
const NOT_LAST = new Set([...'的了在等到就与及对向率赴均说也又还']);
/** Words that end a 区领导 list item glued to the last name. */
const LIST_END = ['参加', '出席', '陪同', '一同', '一起', '以及', '及', '等', '主持', '参会', '带队', '分别', '共同', '出席'];
/** Two-character words that start with a surname character but are not names. */
const NOT_NAMES = new Set(['会议', '会上', '同时', '他们', '我们', '大家', '该区', '该村', '关于', '全区', '全市', '全省', '全县', '全镇',
  '党员', '干部', '群众', '企业', '项目', '工作', '相关', '有关', '各级', '时间', '和谐', '安全', '平安', '文明', '高度', '强化',
  '严格', '明确', '齐心', '万众', '金融', '华夏', '方面', '方式', '江山', '国家', '公司', '司机', '管理', '云台', '黄河', '宁夏',
  '常态', '常委', '成立', '成员', '成果', '任务', '时期', '应急', '应对', '曲折', '路线', '车辆', '项目', '周密', '周边', '许多',
  '于是', '于此', '乐于', '易于', '高于', '高质', '高效', '高水', '高标', '高铁', '高新', '经济', '党建', '党委', '党组', '党支', '党工']);

/** Whether a string is shaped like a person's name: a surname, then one or two given characters (three after a compound surname). */
export function isNameShape(s: string): boolean {
  if (!HAN.test(s) || NOT_NAMES.has(s) || NOT_NAMES.has(s.slice(0, 2))) return false;
  if (COMPOUND.some((c) => s.startsWith(c))) return s.length >= 3 && s.length <= 4;
  return s.length >= 2 && s.length <= 3 && SURNAMES.has(s[0]!);
}

/** The name of 2–3 Han characters starting at `pos`, judged by what follows it; null when unclear. */
export function nameAt(text: string, pos: number): string | null {
  const after = (n: number): string => text.slice(pos + n, pos + n + 4);
  const ends = (rest: string, words: string[]): boolean => rest === '' || !HAN.test(rest[0] ?? '') || words.some((w) => rest.startsWith(w));
  const compound = COMPOUND.some((c) => text.startsWith(c, pos)) ? 1 : 0;
  const two = text.slice(pos, pos + 2 + compound);
  const three = text.slice(pos, pos + 3 + compound);
  if (!isNameShape(two)) return null;
  if (ends(after(two.length), FOLLOW)) return two;
  if (isNameShape(three) && !NOT_LAST.has(three.at(-1)!) && ends(after(three.length), [...FOLLOW, ...FOLLOW_1])) return three;
  if (ends(after(two.length), FOLLOW_1)) return two;
  return null;
}

/** Whether `name` is printed elsewhere in `text` (not at `pos`) closed on the right: by punctuation or a word that follows names. */
function printedElsewhere(text: string, name: string, pos: number): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if (at === pos || (at > 0 && HAN.test(text[at - 1]!) && !mayEndPostAt(text, at))) continue;
    const rest = text.slice(at + name.length, at + name.length + 4);
    if (rest === '' || !HAN.test(rest[0]!) || FOLLOW.some((w) => rest.startsWith(w))) return true;
  }
  return false;
}

/** Words only a person does right after their name: a common noun (金星) before one of them is printed as a name. */
const NAME_CLOSERS = ['主持', '出席', '陪同', '一行', '带队', '率队', '致辞', '莅临'];
/** What ends or follows a place's name, never a person's: 代主任冯屯社区 and 郭湾村 are places. */
const PLACE_SUFFIXES = ['社区', '街道', '办事处', '村', '乡', '镇', '县'];

/** Whether the last character of a three-character `name` at `pos` starts a word with what follows (文化|工作人员), so the name is a common word cut off. */
function lastStartsWord(text: string, name: string, pos: number): boolean {
  const first = jieba.tag(text.slice(pos + name.length - 1, pos + name.length + 3))[0];
  return first !== undefined && first.word.length >= 2;
}

/** Whether a dictionary word (not a name) starts at `pos` and runs past `name`: 经理来不及, 检察长时至今日. */
function cutsWord(text: string, name: string, pos: number): boolean {
  const first = jieba.tag(text.slice(pos, pos + name.length + 3))[0];
  return first !== undefined && first.word.length > name.length && first.tag !== 'x' && !first.tag.startsWith('nr');
}

/** Whether a common word is read as a name here: only a noun, printed as one (金星主持; 区领导金星、刘春明). */
const nameAnyway = (name: string, printedAsName: boolean): boolean => !isCommonWord(name) || (isCommonNoun(name) && printedAsName);

/** Whether `name` at `pos` reads as a name: it names no place (冯屯|社区, 郭湾村), does not cut a longer word (经理来不|及, 文化工|作, 负责人|居环境), and is no common word (区长强调, 局长连续) unless it is a noun a word only a person does follows (金星主持). */
function readsAsName(text: string, name: string, pos: number): boolean {
  const end = pos + name.length;
  if (PLACE_SUFFIXES.some((w) => name.endsWith(w) || text.startsWith(w, end)) || cutsWord(text, name, pos)) return false;
  // 负责人 is no post where its 人 starts a word with what follows (专人负责人居环境整治).
  if (text[pos - 1] === '人' && cutsWord(text, '人', pos - 1)) return false;
  if (name.length === 3 && isCommonWord(name.slice(0, 2)) && lastStartsWord(text, name, pos)) return false;
  return nameAnyway(name, NAME_CLOSERS.some((w) => text.startsWith(w, end)));
}

/** The name after a title that reads as one: from what follows it, else the spelling (three characters, then two) printed elsewhere as a whole name. */
function titledNameAt(text: string, pos: number): string | null {
  const name = closedNameAt(text, pos);
  return name !== null && readsAsName(text, name, pos) ? name : null;
}

/** The name-shaped string after a title: read from what follows it, else the spelling (three characters, then two) printed elsewhere as a whole name. */
function closedNameAt(text: string, pos: number): string | null {
  const read = nameAt(text, pos);
  if (read) return read;
  const extra = COMPOUND.some((c) => text.startsWith(c, pos)) ? 1 : 0;
  const lengths = [3 + extra, 2 + extra].filter((len) => isNameShape(text.slice(pos, pos + len)) && !NOT_LAST.has(text[pos + len - 1]!));
  return [printedElsewhere, wordFollows].reduce<string | null>((found, test) => found
    ?? lengths.map((len) => text.slice(pos, pos + len)).find((name) => test(text, name, pos)) ?? null, null);
}

/** Tags of words that name something rather than say what a person did: a name is not closed by them. */
const NOUN_TAGS = new Set(['x', 'nr', 'nrt', 'nrfg', 'ns', 'nz', 'eng']);

/** Characters that are far more often a function word than a surname: 主任和区领导 is not a person 和区. */
const FUNCTION_FIRST = new Set([...'和与及向对在为将把被从于以等也都要应还又再就']);

/** Whether a dictionary word (a verb, an adverb: 逐户, 告诉, 认为) starts right after `name` at `pos`, and the name is no word itself (常年). */
function wordFollows(text: string, name: string, pos: number): boolean {
  if (FUNCTION_FIRST.has(name[0]!)) return false;
  const own = jieba.tag(name);
  if (own.length === 1 && !NOUN_TAGS.has(own[0]!.tag)) return false;
  const first = jieba.tag(text.slice(pos + name.length, pos + name.length + 6))[0];
  return first !== undefined && first.word.length >= 2 && HAN.test(first.word) && !NOUN_TAGS.has(first.tag);
}

/** Names printed right after a title chain (市委常委、副市长 X; 区财政局局长 Y; 村党支部书记 Z), with the normalised title. */
export function titleSightings(text: string): Sighting[] {
  const out: Sighting[] = [];
  for (let pos = 1; pos < text.length; pos++) {
    if (!mayEndPostAt(text, pos) || postEndingAt(text, pos) === null) continue;
    const name = titledNameAt(text, pos);
    const title = name ? titleBefore(text, pos) : null;
    const normal = title ? normalizeTitle(title.raw) : null;
    if (name && title && (normal || /^(?:原|前任)/u.test(title.raw))) {
      out.push({ name, title: normal, via: 'title' });
      pos += name.length - 1;
    }
  }
  return out;
}

/** Names in lists after 区领导 / 市领导 / 省领导, e.g. 区领导刘春明、冯利民、许海玲参加会议. */
export function listSightings(text: string): Sighting[] {
  const out: Sighting[] = [];
  for (const m of text.matchAll(/([省市区县])领导([^，。；：！？\n]+)/gu)) {
    const items = (m[2] ?? '').split('、');
    for (const raw of items) {
      const cut = Math.min(...LIST_END.map((w) => raw.indexOf(w, 2)).filter((i) => i >= 2), raw.length);
      const name = raw.slice(0, cut);
      if (isNameShape(name) && nameAnyway(name, items.length > 1)) out.push({ name, title: `${m[1]}领导`, via: 'list' });
    }
  }
  return out;
}

/** Names opening a sentence before 强调/指出/要求 (possibly 在讲话中…); only trusted when the name is otherwise known. */
export function speechSightings(text: string): Sighting[] {
  const out: Sighting[] = [];
  for (const m of text.matchAll(/(?:^|[。！？；\n])(\p{Script=Han}{2,3}?)(?:在讲话中|在点评中|最后|还)?(?:强调|指出|要求)/gu)) {
    const name = m[1] ?? '';
    if (isNameShape(name) && !isCommonWord(name)) out.push({ name, title: null, via: 'speech' });
  }
  return out;
}

/** Every sighting in a text: titled names, listed names and speech openers. */
export function sightingsIn(text: string): Sighting[] {
  return [...titleSightings(text), ...listSightings(text), ...speechSightings(text)];
}

/** The text people are read from: printed headline, deck and body, spaces inside lines removed; a derived headline is left out (it repeats the lead). */
export function articleText(a: Article): string {
  const parts = a.titleSource === 'printed' ? [a.title, deckText(a), a.body] : [deckText(a), a.body];
  return parts.join('\n').replace(/[ \t\u3000\u00a0]+/gu, '');
}

const SPEECH = /强调|指出|(?<!按|按照|会议|工作)要求|(?:作|发表)重要讲话|(?<!重要)讲话(?!精神)|讲活|致辞|发言(?!人)|述职|作[^，]{0,10}报告|安排部署|(?<!听取[^，]{0,30})汇报/u;
const VISIT = /调研|督导|暗访|看望|慰问|检查|察看|视察|走访|莅临|考察|^[^，]{0,3}深入/u;
/** Any word that names a role: a segment with one of them is not only a title. */
const ROLE_WORDS = /主持|召开|讲话|强调|指出|要求|出席|参加|调研|带队|陪同|点评|签约|汇报|介绍/u;
const FILLER = /[省市区县]领导|党工委|管委会|管委|纪工委|副|书记|主任|委员|\p{Script=Han}{0,12}指挥部总指挥|[、，\s]/gu;

/** Whether a segment between two names is only the second one's title, with nothing said of the first. */
function onlyTitle(seg: string): boolean {
  const title = titleBefore(seg, seg.length);
  if (title === null || ROLE_WORDS.test(seg)) return false;
  return seg.slice(0, title.start).replace(/[、，,\s]/gu, '').replace(/^(?:与|和|同|及|以及)$/u, '') === '';
}

/** Roles named in the words after a name (up to the next name); null when the words carry no predicate. */
export function rolesIn(seg: string): Set<Role> | null {
  // Only the next person's title (…、市人大常委会副主任 | 与某公司董事长): the predicate comes after the next name.
  if (seg.replace(FILLER, '') === '' || onlyTitle(seg)) return null;
  const second = seg.indexOf('，', seg.indexOf('，') + 1);
  let text = second === -1 ? seg : seg.slice(0, second);
  const speech = SPEECH.exec(text);
  if (speech) text = text.slice(0, speech.index + speech[0].length);
  const roles = new Set<Role>();
  if (/主持|(?<!参加|出席)召开/u.test(text)) roles.add('主持');
  if (speech) roles.add('讲话');
  if (/点评/u.test(text)) roles.add('点评');
  if (/带队|率队|率团|带领|率领/u.test(text)) roles.add('带队');
  if (/陪同/u.test(text)) roles.add('陪同');
  if (/签约|签订|签署/u.test(text.replace(/(?:出席|参加|见证|观摩)[^，]{0,12}?签约(?:仪式|活动|大会)/gu, ''))) roles.add('签约');
  if (VISIT.test(text) && !/陪同/u.test(text)) roles.add('调研');
  const attend = text.replace(/(?:参加|陪同|一同|一起)(?=调研|督导|暗访|看望|慰问|检查)/gu, '');
  if (/出席|参加|参会/u.test(attend)) roles.add('出席');
  return roles;
}

const ESCORTED = /^的?陪同下/u;

/** One mention of a known name: the sentence it is in and the roles read from the clause after it. */
export interface Mention {
  name: string;
  sentence: number;
  roles: Set<Role>;
}

/** Every mention of the matcher's names, by sentence; names listed together share the predicate after the last one. */
export function mentionsIn(text: string, matcher: NameMatcher): Mention[] {
  const out: Mention[] = [];
  text.split(/[。！？；\n]/u).forEach((sentence, index) => {
    const hits = matchNames(matcher, sentence);
    let inherited = new Set<Role>();
    const found: Mention[] = [];
    for (let k = hits.length - 1; k >= 0; k--) {
      const hit = hits[k]!;
      const seg = sentence.slice(hit.end, hits[k + 1]?.start ?? sentence.length);
      const next = hits[k + 1] ? sentence.slice(hits[k + 1]!.end, hits[k + 2]?.start ?? sentence.length) : '';
      // 甲在乙（的）陪同下调研: 乙 accompanies, 甲 does what follows.
      const escorted = seg.startsWith('在') && ESCORTED.test(next);
      const roles = escorted ? rolesIn(next.replace(ESCORTED, '')) : rolesIn(seg);
      inherited = roles ?? new Set(inherited);
      found.push({ name: hit.name, sentence: index, roles: inherited });
    }
    out.push(...found.reverse());
  });
  return out;
}
