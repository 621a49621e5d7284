import { describe, expect, it } from 'vitest';
import { nameAt, rolesIn, titleSightings } from '../../src/knowledge/extract.ts';
import { fullUnits, levelOf, shortFormOf, titleBefore } from '../../src/knowledge/titles.ts';

const roles = (seg: string): string[] => [...(rolesIn(seg) ?? [])];

describe('the level of a printed title', () => {
  const cases: Array<[string, string]> = [
    ['河南省副省长', 'province'], ['省商务厅市场秩序处二级调研员', 'province'], ['市纪委书记、市监委主任', 'city'], ['市财政局局长', 'city'],
    ['市政协主席', 'city'], ['沁阳市市长', 'city'], ['修武县委书记', 'district'], ['山阳区区长', 'district'],
    ['区委常委、组织部部长', 'district'], ['区城市管理局局长', 'office'], ['市场监管局局长', 'office'],
  ];

  it('reads the tier of the organisation, wherever the title comes from', () => {
    for (const [title, level] of cases) expect(levelOf(title), title).toBe(level);
  });

  it('gives a bare post the rank it names', () => {
    expect(['副市长', '副省长', '镇长', '书记', '市领导'].map(levelOf)).toEqual(['city', 'province', 'township', 'district', 'city']);
  });
});

describe('short forms of a title', () => {
  it('gives a bare post after a party cell the organisation before it', () => {
    expect(fullUnits('区住建局党组书记、局长')).toEqual(['区住建局党组书记', '区住建局局长']);
    expect(fullUnits('阳庙镇党委副书记、镇长')).toEqual(['阳庙镇党委副书记', '阳庙镇镇长']);
    expect(fullUnits('市委常委、副市长')).toEqual(['市委常委', '副市长']);
  });

  it('folds a shortened organisation but never a different post or a different bureau', () => {
    expect(shortFormOf('区住建局长', '区住建局党组书记、局长')).toBe(true);
    expect(shortFormOf('管委会主任', '党工委副书记、管委会主任')).toBe(true);
    expect(shortFormOf('市发改委主任', '市发展改革委主任')).toBe(true);
    expect(shortFormOf('区财政局副局长', '区财政局局长')).toBe(false);
    expect(shortFormOf('区住建局局长', '区财政局局长')).toBe(false);
    expect(shortFormOf('阳庙镇党委书记', '阳庙镇党委副书记、镇长')).toBe(false);
  });

  it('reads a title with a quoted campaign name in it', () => {
    const text = '上午，省“万人助万企”工作组副组长魏金春莅临';
    expect(titleBefore(text, text.indexOf('魏'))?.raw).toBe('省“万人助万企”工作组副组长');
    expect(nameAt(text, text.indexOf('魏'))).toBe('魏金春');
  });
});

describe('names and roles in a sentence', () => {
  it('ends a name before 的 (在区长刘明的陪同下)', () => {
    const text = '在区长刘明的陪同下';
    expect(nameAt(text, text.indexOf('刘'))).toBe('刘明');
  });

  it('closes a name after a title at the word that follows it, even a word no list holds', () => {
    const named = (text: string) => titleSightings(text).map((x) => x.name);
    expect(named('区住建局局长李明亮逐户走访。')).toEqual(['李明亮']);
    expect(named('区农业农村局局长秦国强告诉记者。')).toEqual(['秦国强']);
    expect(named('区司法局局长宋佳敲响法槌。')).toEqual(['宋佳']);
    expect(named('区统计局局长邓超宇翻开台账。')).toEqual(['邓超宇']);
    expect(named('党工委书记吕沛到文昌街道调研。')).toEqual(['吕沛']);
    expect(named('市长石秀参与调研。')).toEqual(['石秀']);
    expect(named('党工委副书记、管委会主任和区领导一起察看。')).toEqual([]);
    expect(named('村支书常年坚持走访。')).toEqual([]);
  });

  it('reads speaking from 发言, 致辞 and 作重要讲话, but not from studying a speech', () => {
    expect(roles('作表态发言')).toEqual(['讲话']);
    expect(roles('出席并致辞')).toEqual(['讲话', '出席']);
    expect(roles('作重要讲话')).toEqual(['讲话']);
    expect(roles('传达学习了习近平总书记重要讲话精神')).toEqual([]);
  });

  it('tells a signer from someone attending the signing ceremony', () => {
    expect(roles('签约')).toEqual(['签约']);
    expect(roles('出席签约仪式')).toEqual(['出席']);
    expect(roles('一行莅临示范区')).toEqual(['调研']);
    expect(roles('率领考察团到示范区调研')).toEqual(['带队', '调研']);
  });
});
