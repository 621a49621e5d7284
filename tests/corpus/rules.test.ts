import { describe, expect, it } from 'vitest';
import { deriveTitle, parsePage } from '../../src/corpus/parse.ts';
import { firstDate, leadDate, resolveYear } from '../../src/corpus/dateline.ts';
import { dropEditorCode } from '../../src/corpus/items.ts';
import { parseNewsByline, parsePhotoCredit, parseStandaloneByline } from '../../src/corpus/byline.ts';

const page = (text: string, published = '2021-11-09') => parsePage({ source: 'fixture.txt', text, published });

describe('reflowing columns', () => {
  it('joins a name broken across lines', () => {
    const [a] = page('本报讯（记者郭树勋） 11月3日上午，示范区召开会议。区领导刘\n春明、冯利民参加会议。\n');
    expect(a!.body).toBe('11月3日上午，示范区召开会议。区领导刘春明、冯利民参加会议。');
  });

  it('joins a sentence across a blank line but keeps paragraph ends', () => {
    const [a] = page('本报讯（记者付凯明） 11月4日，吕沛强调，要把学习作为重要政治\n\n任务。\n\n会议还研究了其他事项。\n');
    expect(a!.body.split('\n')).toEqual(['11月4日，吕沛强调，要把学习作为重要政治任务。', '会议还研究了其他事项。']);
  });

  it('removes the spaces of justified columns and keeps Latin words apart', () => {
    const [a] = page('本报讯（记者付凯明） 11 月\n4 日，示 范 区 建成 AAAA 级景区，汽车 4S 店复工。\n');
    expect(a!.body).toBe('11月4日，示范区建成AAAA级景区，汽车4S店复工。');
  });

  it('prints a paragraph printed twice in a row once', () => {
    const [a] = page('本报讯（记者付凯明）1月7日上午，示范区召开会议。\n\n吕沛强调，要筑牢防线。\n\n吕沛强调，要筑牢防线。\n\n会议要求落实。\n');
    expect(a!.body.split('\n')).toEqual(['1月7日上午，示范区召开会议。', '吕沛强调，要筑牢防线。', '会议要求落实。']);
  });
});

describe('headlines', () => {
  const after = [
    '本报讯（记者郭树勋） 11月4日上午，吕沛到文昌街道杨楼村调研灾后重建、土地复耕工作。',
    '',
    '吕沛到杨楼村调研',
    '灾后重建土地复耕工作',
    '',
    '本报讯（记者付凯明） 11月6日上午，示范区召开安全生产工作例会。宫卫红出席会议并讲话。',
    '',
    '示范区召开安全生产工作例会',
    '',
  ].join('\n');

  it('gives a headline printed after its body to that body', () => {
    const [a, b] = page(after);
    expect(a!.title).toBe('吕沛到杨楼村调研灾后重建土地复耕工作');
    expect(b!.title).toBe('示范区召开安全生产工作例会');
    expect(a!.titleSource).toBe('printed');
  });

  it('gives a headline printed before its body to that body', () => {
    const before = [
      '示范区召开安全生产工作例会',
      '',
      '本报讯（记者付凯明）11月6日上午，示范区召开安全生产工作例会。宫卫红出席会议并讲话。',
      '',
      '吕沛到杨楼村调研灾后重建土地复耕工作',
      '',
      '本报讯（记者郭树勋）11月4日上午，吕沛到文昌街道杨楼村调研灾后重建、土地复耕工作。',
    ].join('\n');
    const [a, b] = page(before);
    expect(a!.title).toBe('示范区召开安全生产工作例会');
    expect(b!.title).toBe('吕沛到杨楼村调研灾后重建土地复耕工作');
  });

  it('splits a deck with a clause from the main line', () => {
    const [a] = page('本报讯（记者郭树勋） 10月8日上午，示范区“三个一批”重点项目集中开工，共计14个项目。\n\n示范区“三个一批”重点项目集中开工\n涉及先进制造等领域的14个项目，总投资67.6亿元\n');
    expect(a!.title).toBe('示范区“三个一批”重点项目集中开工');
    expect(a!.subtitle).toBe('涉及先进制造等领域的14个项目，总投资67.6亿元');
  });

  it('reads a headline glued to the next 本报讯 on the same line', () => {
    const text = '本报讯（记者郭树勋）2月24日上午，王家鹏看望慰问一线医务工作者。\n\n王家鹏看望慰问一线医务工作者 本报讯 （记者郭树勋） 2\n月 26 日上午，王家鹏调研首批搬迁改造企业。\n\n王家鹏调研首批搬迁改造企业\n';
    const [a, b] = page(text, '2020-03-01');
    expect(a!.title).toBe('王家鹏看望慰问一线医务工作者');
    expect(b!.title).toBe('王家鹏调研首批搬迁改造企业');
    expect(b!.date).toBe('2020-02-26');
  });

  it('derives a title from the lead when no headline is printed', () => {
    const text = '本报讯（记者郭树勋） 11月7日上午，省委、市委疫情防控工作专题会议相继召开，示范区组织收听收看。\n本报讯（记者郭树勋） 11月3日上午，示范区召开污染防治推进会议。\n\n示范区污染防治推进会议召开\n';
    const [a, b] = page(text);
    expect(a!.titleSource).toBe('derived');
    expect(a!.title).toBe('省委、市委疫情防控工作专题会议相继召开');
    expect(b!.title).toBe('示范区污染防治推进会议召开');
  });

  it('leaves the official title chain out of a derived title', () => {
    const [a] = page('本报讯（记者郭树勋） 2月26日下午，示范区（高新区）党工委书记、管委会主任、新冠肺炎疫情防控指挥部总指挥王家鹏主持召开党工委（扩大）会议。\n', '2020-03-01');
    expect(a!.title).toBe('王家鹏主持召开党工委（扩大）会议');
  });

  it('never glues a headline printed without a body onto another article', () => {
    const text = '示范区召开党政联席会议\n\n本报讯（记者郭树勋）1月4日上午，示范区召开党政联席会议。\n\n示范区参加全省第三期活动\n\n示范区开展疫情封控应急演练\n\n本报讯（记者付凯明）1月8日下午，示范区开展疫情封控应急演练。\n';
    const articles = page(text, '2022-01-11');
    expect(articles.map((a) => a.title)).toEqual(['示范区召开党政联席会议', '示范区开展疫情封控应急演练']);
    expect(articles.map((a) => a.subtitle)).toEqual([null, null]);
  });
});

describe('labels, captions and bylines', () => {
  it('drops section labels and footers', () => {
    const text = '一周动态\n\n苏家作乡跻身省级园林城镇\n\n本报讯（记者付凯明 通讯员李想）近日，苏家作乡获“河南省园林城镇”荣誉称号。\n\n扫一扫 关注我们\n\n示范区头条\n微信公众号\n';
    const articles = page(text);
    expect(articles).toHaveLength(1);
    expect(articles[0]!.title).toBe('苏家作乡跻身省级园林城镇');
    expect(articles[0]!.body).not.toMatch(/公众号|扫一扫|一周动态/);
  });

  it('makes a photo article of a caption and its credit', () => {
    const text = '本报讯（记者付凯明） 11月6日上午，示范区召开安全生产工作例会。\n\n示范区召开安全生产工作例会\n\n昨日，河南省京油润\n道科技有限公司的技术人\n员在检测工业用油样品。\n\n本报记者 万 千 摄\n';
    const [news, photo] = page(text);
    expect(news!.title).toBe('示范区召开安全生产工作例会');
    expect(photo).toMatchObject({ kind: 'photo', reporters: ['万千'], titleSource: 'derived', date: '2021-11-08' });
    expect(photo!.body).toBe('昨日，河南省京油润道科技有限公司的技术人员在检测工业用油样品。');
    expect(photo!.title).toBe('河南省京油润道科技有限公司的技术人员在检测工业用油样品');
  });

  it('gathers several ▲ captions under one photo headline', () => {
    const text = '整治人居环境 扮靓美丽家园\n\n▲孙村打造“果香溪畔”。图为1月6日，该村民居墙体。本报记者 刘金元 摄\n\n▲辛庄村扮靓美丽家园。图为1月6日，志愿者擦拭宣传牌。本报记者 刘金元 摄\n';
    const articles = page(text, '2022-01-11');
    expect(articles).toHaveLength(1);
    expect(articles[0]).toMatchObject({ kind: 'photo', title: '整治人居环境扮靓美丽家园', reporters: ['刘金元'] });
    expect(articles[0]!.body.split('\n')).toHaveLength(2);
  });

  it('reads a standalone byline above a feature', () => {
    const text = '本报记者 郭树勋\n\n9 月 27 日，市第十二次党代会隆重开幕，“示范区元素”闪亮其中。\n\n“示范区元素”闪亮市党代会报告\n';
    const [a] = page(text, '2021-10-12');
    expect(a).toMatchObject({ reporters: ['郭树勋'], date: '2021-09-27', title: '“示范区元素”闪亮市党代会报告' });
  });

  it('reads bylines with several reporters and a correspondent', () => {
    expect(parseNewsByline('本报讯（记者郭树勋、付凯明） 10月').byline.reporters).toEqual(['郭树勋', '付凯明']);
    expect(parseNewsByline('本报讯（记者付凯明 通讯员李想）近日').byline).toEqual({ reporters: ['付凯明'], correspondents: ['李想'] });
    expect(parseStandaloneByline('本报记者 郭树勋')).toEqual({ reporters: ['郭树勋'], correspondents: [] });
    expect(parsePhotoCredit('家。 本报记者 赵耀东 摄')).toEqual({ names: ['赵耀东'], before: '家。' });
    expect(parsePhotoCredit('他在现场拍摄')).toBeNull();
  });
});

describe('datelines', () => {
  it('takes the year from the publication date', () => {
    expect(leadDate('11月3日上午，示范区召开会议。', '2021-11-09')).toBe('2021-11-03');
  });

  it('takes the year before when the day would fall after publication', () => {
    expect(resolveYear(12, 30, '2022-01-11')).toBe('2021-12-30');
  });

  it('knows 2月29日 exists only in a leap year', () => {
    expect(resolveYear(2, 29, '2020-03-01')).toBe('2020-02-29');
    expect(resolveYear(2, 29, '2021-03-01')).toBe('2020-02-29');
  });

  it('gives no date to 近日 and 日前', () => {
    expect(leadDate('近日，记者从省住建厅获悉，11月1日起施行。', '2022-01-11')).toBeNull();
    expect(leadDate('日前，省科技厅公布了名单。', '2022-01-11')).toBeNull();
  });

  it('finds a date after an opening clause', () => {
    expect(leadDate('针对阳庙镇许官线通行问题，9月25日，宫卫红到阳庙镇调研。', '2021-10-12')).toBe('2021-09-25');
  });
});

describe('a printed headline is an article boundary with or without 本报讯', () => {
  const previous = '本报讯（记者郭树勋）5月8日上午，示范区召开\n安全生产工作例会，安排部署\n近期重点工作。\n\n示范区召开安全生产工作例会\n\n';

  it('starts an article at a headline above a body opening with 近日', () => {
    const text = `${previous}示范区人社局举办\n返乡创业培训班\n\n近日，示范区人社局举办返\n乡创业培训班，六十余名返\n\n乡青年参加培训。\n`;
    const [a, b] = page(text, '2021-05-12');
    expect(a!.body).not.toMatch(/培训/);
    expect(b).toMatchObject({ title: '示范区人社局举办返乡创业培训班', titleSource: 'printed', date: null });
    expect(b!.body).toBe('近日，示范区人社局举办返乡创业培训班，六十余名返乡青年参加培训。');
  });

  it('starts an article at a headline below a body opening with a date (headline after its body)', () => {
    const text = `${previous}3月10日，走进阳庙镇\n东孔庄村葡萄基地，村民\n们正忙着修剪枝条。\n\n阳庙镇小葡萄串起致富路\n`;
    const [a, b] = page(text, '2021-05-12');
    expect(a!.title).toBe('示范区召开安全生产工作例会');
    expect(b).toMatchObject({ title: '阳庙镇小葡萄串起致富路', date: '2021-03-10' });
  });

  it('reads a headline printed straight above 本报讯 with no blank line as a headline', () => {
    const text = '本报讯（记者郭树勋）5月8日上午，示范区召开会议，安排部署工作。\n文昌街道开展防汛应急演练\n本报讯（通讯员王芳）昨日上午，文昌街道开展防汛应急演练。\n';
    const [a, b] = page(text, '2021-05-12');
    expect(a!.body).toBe('5月8日上午，示范区召开会议，安排部署工作。');
    expect(b).toMatchObject({ title: '文昌街道开展防汛应急演练', titleSource: 'printed' });
  });

  it('opens the body with the sentence a gap cut below its headline, even without a date', () => {
    const text = `${previous}阳庙镇小葡萄串起致富路\n\n走进阳庙镇东孔庄村葡萄种\n\n植基地，村民们正忙着修剪\n枝条。东孔庄村葡萄种植面积\n达到两千余亩。\n`;
    const [, b] = page(text, '2021-05-12');
    expect(b).toMatchObject({ title: '阳庙镇小葡萄串起致富路', subtitle: null });
    expect(b!.body).toBe('走进阳庙镇东孔庄村葡萄种植基地，村民们正忙着修剪枝条。东孔庄村葡萄种植面积达到两千余亩。');
  });

  it('never reads the start of a sentence cut by a column gap as a headline', () => {
    const text = '本报讯（记者郭树勋）2月24日，王家鹏调研企业复工情况。\n\n在中旅银行科技支行，王家\n\n鹏一行了解了复工后疫情防\n控情况。王家鹏要求加大支持力度。\n';
    const articles = page(text, '2020-03-01');
    expect(articles).toHaveLength(1);
    expect(articles[0]!.body.split('\n')).toEqual(['2月24日，王家鹏调研企业复工情况。', '在中旅银行科技支行，王家鹏一行了解了复工后疫情防控情况。王家鹏要求加大支持力度。']);
  });
});

describe('relative datelines', () => {
  it('dates 昨日 and 昨天 the day before publication, 前日 two days before, 今日 the day itself', () => {
    expect(leadDate('昨日上午，示范区召开会议。', '2021-05-12')).toBe('2021-05-11');
    expect(leadDate('昨天，示范区召开会议。', '2021-05-12')).toBe('2021-05-11');
    expect(leadDate('前日下午，示范区举行签约仪式。', '2021-05-12')).toBe('2021-05-10');
    expect(leadDate('今日，示范区开展宣传活动。', '2021-05-12')).toBe('2021-05-12');
    expect(leadDate('昨晚，示范区开展夜查行动。', '2021-05-12')).toBe('2021-05-11');
    expect(leadDate('今晨，示范区开展巡河行动。', '2021-05-12')).toBe('2021-05-12');
  });

  it('counts back across a month and a year', () => {
    expect(leadDate('昨日，示范区召开会议。', '2020-03-01')).toBe('2020-02-29');
    expect(leadDate('前日，示范区召开会议。', '2022-01-01')).toBe('2021-12-30');
  });

  it('reads a relative dateline after an opening clause, and a photo caption too', () => {
    expect(leadDate('记者从示范区获悉，昨日，三家企业入选名单。', '2020-06-20')).toBe('2020-06-19');
    expect(firstDate('图为昨日，工人在项目现场作业。', '2020-06-20')).toBe('2020-06-19');
  });

  it('leaves 近日 and 日前 undated and needs a publication day', () => {
    expect(leadDate('近日，示范区召开会议。', '2021-05-12')).toBeNull();
    expect(leadDate('昨日，示范区召开会议。', null)).toBeNull();
  });
});

describe('editor codes', () => {
  it('drops a code after a sentence end or on its own line, and nowhere else', () => {
    expect(dropEditorCode('坚决遏制重特大事故发生。①5')).toEqual({ line: '坚决遏制重特大事故发生。', ends: true });
    expect(dropEditorCode('②')).toEqual({ line: '', ends: true });
    expect(dropEditorCode('第①项工作')).toEqual({ line: '第①项工作', ends: false });
  });

  it('never leaves a code in a body nor lets it swallow the next headline', () => {
    const text = '本报讯（记者郭树勋）5月5日上午，示范区召开会\n议，安排部署有关工作。①5\n示范区开展消防安全检查\n\n5月6日下午，示范区应急管理\n局开展消防安全检查。\n';
    const [a, b] = page(text, '2021-05-12');
    expect(a!.body).toBe('5月5日上午，示范区召开会议，安排部署有关工作。');
    expect(b).toMatchObject({ title: '示范区开展消防安全检查', date: '2021-05-06' });
  });
});

describe('reflow by sentence ends', () => {
  it('joins a word cut by a blank line in the middle of a sentence', () => {
    const [a] = page('本报讯（记者付凯明）10月8日，示范区紧紧围绕确定的目\n\n标任务，加快城乡融\n\n合发展。\n\n会议要求落实。\n', '2021-10-12');
    expect(a!.body.split('\n')).toEqual(['10月8日，示范区紧紧围绕确定的目标任务，加快城乡融合发展。', '会议要求落实。']);
  });

  it('takes the spaces out of a letter-spaced line', () => {
    const [a] = page('本报讯（记者付凯明）10月8日，示范区要重\n点 在 创 新 载 体 建 设 和 能 效 发\n挥方面求突破。\n', '2021-10-12');
    expect(a!.body).toBe('10月8日，示范区要重点在创新载体建设和能效发挥方面求突破。');
  });
});

describe('headline blocks', () => {
  it('keeps a kicker above, the main line and a deck below as three fields', () => {
    const text = '聚焦项目建设 推动高质量发展\n\n示范区二季度重点项目集中签约\n\n共签约项目12个，总投资36.5亿元\n\n本报讯（记者付凯明）前日下午，示范区举行二季度重点项目集中签约仪式，共签约项目12个。\n';
    const [a] = page(text, '2021-05-12');
    expect(a).toMatchObject({ kicker: '聚焦项目建设 推动高质量发展', title: '示范区二季度重点项目集中签约', subtitle: '共签约项目12个，总投资36.5亿元', date: '2021-05-10' });
  });

  it('credits a photo to its photographer as its own field', () => {
    const [a] = page('今日，志愿者在小区开展垃圾分类宣传。\n本报记者 万 千 摄\n\n本报讯（记者付凯明）5月8日，示范区召开会议。\n', '2021-05-12');
    expect(a).toMatchObject({ kind: 'photo', photographers: ['万千'], date: '2021-05-12', titleSource: 'derived' });
  });
});

describe('derived titles', () => {
  it('leave out a leading time of day', () => {
    expect(deriveTitle('下午，全市统一战线工作座谈会召开，示范区组织收听收看。')).toBe('全市统一战线工作座谈会召开');
    expect(deriveTitle('11月7日上午，省委、市委疫情防控工作专题会议相继召开。')).toBe('省委、市委疫情防控工作专题会议相继召开');
  });

  it('never cut a long clause inside a word or a list', () => {
    const title = deriveTitle('11月10日下午，示范区组织收听收看省、市村（社区）“两委”换届工作电视电话会议。会后召开会议。');
    expect(title).toBe('示范区组织收听收看省、市村（社区）“两委”换届工作电视电话会议');
  });
});
