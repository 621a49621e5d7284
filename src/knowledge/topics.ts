/** A topic taxonomy fitted to the 示范区（高新区） page, and a classifier that weighs headline, frequency and length. */
import type { Article } from '../corpus/types.ts';

export interface Topic {
  name: string;
  aliases: string[];
  terms: Array<{ term: string; weight: number }>;
}

/** Builds a topic from "term:weight" pairs (weight 1 when omitted). */
const topic = (name: string, aliases: string[], terms: string): Topic => ({
  name,
  aliases,
  terms: terms.split(' ').map((t) => {
    const [term = '', weight] = t.split(':');
    return { term, weight: weight ? Number(weight) : 1 };
  }),
});

export const TOPICS: readonly Topic[] = [
  topic('疫情防控', ['疫情', '防疫', '新冠', '抗疫', '肺炎', '核酸', '疫苗'],
    '疫情防控:3 新冠肺炎:3 新冠病毒:3 疫情:2 防疫:2 核酸:2 疫苗:2 流调:2 封控:2 外防输入:2 隔离:1 口罩:1 冷链:1 发热门诊:1 防控:1 消杀:1'),
  topic('安全生产', ['安全', '消防', '安全隐患', '应急'],
    '安全生产:3 安全隐患:2 消防:2 安全稳定:1 事故:1 安全监管:2 安全检查:2 隐患:1 安全施工:2 用电:1 交通安全:2 施工安全:2 交通违法:2 安全驾驶:2'),
  topic('生态环保', ['环保', '污染防治', '环境保护', '生态', '大气污染', '蓝天'],
    '污染防治:3 大气污染:3 生态环境:2 环境保护:2 督察整改:2 扬尘:2 PM2.5:2 散乱污:2 污染:1 碳达峰:1 碳中和:1 生态文明:2 污染源:2 环保:2'),
  topic('项目建设', ['项目', '重点项目', '三个一批', '招商', '投资'],
    '项目建设:3 重点项目:3 三个一批:3 集中开工:3 招商:2 开工:1 项目:1 投资:1 竣工:1 施工:1 谋划项目:2 有效投资:2'),
  topic('营商环境', ['万人助万企', '助企', '企业服务', '放管服', '优化营商环境'],
    '万人助万企:3 营商环境:3 助企:2 放管服:2 惠企:2 企业服务:2 服务企业:2 公共资源交易:2 政商关系:2 企业家:1'),
  topic('复工复产', ['复工', '复产', '经济运行', '经济社会发展', '复业'],
    '复工复产:3 复工复业:3 开复工:2 复工:2 复产:2 复业:2 经济运行:2 经济社会发展:2 稳定经济:1'),
  topic('灾后重建', ['重建', '灾后', '防汛', '水灾', '汛情', '救灾'],
    '灾后重建:3 灾后恢复重建:3 复耕:2 受灾:2 救灾:2 防汛:2 汛情:1 因灾:2 重建:1'),
  topic('党建与学习', ['党建', '学习', '党代会', '理论学习', '干部', '换届', '党政联席会议'],
    '党代会:3 中心组学习:3 理论学习:3 党建:2 学习贯彻:2 党史学习:2 以案促改:2 换届:2 重要讲话精神:2 年轻干部:2 党组织:1 党员干部:1 干部:1 作风建设:1 廉政:1 总书记:1 两委:1'),
  topic('乡村振兴', ['人居环境', '农村', '美丽乡村', '四好农村路', '乡村'],
    '乡村振兴:3 人居环境:3 四好农村路:3 美丽家园:2 乡村旅游:2 民俗村:2 园林城镇:2 农村公路:2 改厕:2 农村:1 村庄:1 乡愁:1 绿化:1 民居:1'),
  topic('科技创新', ['科技', '创新', '双创', '高新技术', '孵化'],
    '科技创新:3 技术转移:3 双创:3 高新技术企业:3 科技产业园:2 科技园:2 孵化:2 工程技术研究中心:2 科技型:2 创新创业:2 科技:1 创新:1 研发:1 5G:1'),
  topic('卫生健康', ['卫生', '医疗', '健康', '卫健', '医院', '公共卫生'],
    '卫生健康:3 公共卫生:3 卫生院:2 医务工作者:2 医护:2 疾控:2 疾病预防:2 医疗卫生:2 医疗:1 医院:1 卫生室:2 疫苗接种:1 医养:1'),
  topic('信访稳定', ['信访', '稳定', '维稳', '社会稳定', '平安', '公安'],
    '信访:3 社会稳定:2 安全稳定:2 维稳:2 矛盾纠纷:2 黑恶势力:2 稳定:1 公安:2 警察:2 平安:1'),
  topic('城市建设', ['征迁', '城中村', '拆迁', '城建', '搬迁', '房地产', '交通'],
    '城中村:3 征迁:3 搬迁改造:3 拆迁:3 城市规划:2 房地产:2 楼盘:2 搬迁:2 交房:2 道路:1 通行:1 基础设施:1 城市:1 减速带:2'),
  topic('文化教育', ['文化', '教育', '诗词', '学校', '旅游'],
    '诗词:3 文化:1 教育:1 学校:1 比赛:1 选手:2 决赛:2 中心校:2 红色教育:2 研学:1'),
  topic('就业民生', ['就业', '人社', '民生', '社保'],
    '就业创业:3 就业:2 人社:2 社保:2 养老:1'),
];

const TITLE_WEIGHT = 6;
/** An article belongs to a topic at or above this score. */
export const THRESHOLD = 3;

const sortedTerms = new WeakMap<Topic['terms'], Topic['terms']>();
/** A topic's terms, longest first, sorted once per term list (classifying an archive asks millions of times). */
function longestFirst(terms: Topic['terms']): Topic['terms'] {
  let sorted = sortedTerms.get(terms);
  if (!sorted) sortedTerms.set(terms, (sorted = [...terms].sort((a, b) => b.term.length - a.term.length)));
  return sorted;
}

/** Weighted and plain counts of non-overlapping term hits, longest terms first, so 疫情防控 is not also counted as 疫情. */
function hits(text: string, terms: Topic['terms']): { score: number; count: number } {
  let rest = text;
  let score = 0;
  let count = 0;
  for (const { term, weight } of longestFirst(terms)) {
    if (!rest.includes(term)) continue;
    const parts = rest.split(term);
    if (parts.length > 1) {
      score += (parts.length - 1) * weight;
      count += parts.length - 1;
      rest = parts.join('\u0000');
    }
  }
  return { score, count };
}

/** Scores one topic: headline hits weigh most (deck lines half as much); body hits are a density per 200 characters; a lone body hit counts half. */
export function scoreTopic(article: Article, t: Topic): number {
  const title = hits(article.title, t.terms);
  const deck = hits(article.subtitle ?? '', t.terms);
  const body = hits(article.body, t.terms);
  const head = (title.score * TITLE_WEIGHT + deck.score * (TITLE_WEIGHT / 2)) / Math.max(1, article.title.length / 20);
  const density = body.score / Math.max(1, article.body.length / 200);
  return head + (head === 0 && body.count === 1 ? density / 2 : density);
}

/** The topics an article is really about, best first. */
export function classify(article: Article): Array<{ topic: string; score: number }> {
  return TOPICS.map((t) => ({ topic: t.name, score: Math.round(scoreTopic(article, t) * 100) / 100 }))
    .filter((s) => s.score >= THRESHOLD)
    .sort((a, b) => b.score - a.score);
}

/** Resolves a user's word to a topic: name, alias, or a term, e.g. 疫情 → 疫情防控, 环保 → 生态环保. */
export function matchTopic(word: string): Topic | null {
  const w = word.trim();
  if (w === '') return null;
  return TOPICS.find((t) => t.name === w)
    ?? TOPICS.find((t) => t.aliases.includes(w))
    ?? TOPICS.find((t) => t.name.includes(w) || t.aliases.some((a) => a.includes(w)))
    ?? TOPICS.find((t) => t.terms.some((x) => x.term === w))
    ?? null;
}

export interface TopicIndex {
  /** Every topic with at least one article, most articles first. */
  topics: Array<{ name: string; count: number; articleIds: string[] }>;
  topicsOf(articleId: string): string[];
  find(nameOrAlias: string): { name: string; count: number; articleIds: string[] } | null;
}

/** Classifies every article and indexes articles by topic, newest first. */
export function buildTopicIndex(articles: Article[]): TopicIndex {
  const dated = [...articles].sort((x, y) => (y.date ?? y.published ?? '').localeCompare(x.date ?? x.published ?? ''));
  const of = new Map(dated.map((a) => [a.id, classify(a).map((c) => c.topic)]));
  const topics = TOPICS.map((t) => {
    const articleIds = dated.filter((a) => of.get(a.id)?.includes(t.name)).map((a) => a.id);
    return { name: t.name, count: articleIds.length, articleIds };
  })
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  return topicIndexOf(topics, of);
}

/** A TopicIndex over the topics with their articles and each article's topics (built, or read from a snapshot). */
export function topicIndexOf(topics: TopicIndex['topics'], of: Map<string, string[]>): TopicIndex {
  return {
    topics,
    topicsOf: (id) => of.get(id) ?? [],
    find: (word) => {
      const t = matchTopic(word);
      return t ? (topics.find((x) => x.name === t.name) ?? { name: t.name, count: 0, articleIds: [] }) : null;
    },
  };
}
