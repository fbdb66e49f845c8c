import { describe, expect, it } from 'vitest';
import { findClassifiedMarking } from './classified';

/** [text, the marking as the finder names it] — each of these is a 密级 marking. */
const marked: [string, string][] = [
  // word + star, with and without 保密期限 (GB/T 9704-2012 writes 机密★1年 at the top left)
  ['机密★', '机密★'],
  ['★机密', '★机密'],
  ['机密★1年', '机密★1年'],
  ['秘密★6个月', '秘密★6个月'],
  ['绝密★长期', '绝密★长期'],
  ['★秘密', '★秘密'],
  ['机密★10年 关于做好值班工作的通知', '机密★10年'],
  ['机密 ★ 1 年', '机密 ★ 1 年'],
  // the spaced form of GB/T 9704-1999, with the ideographic space, a plain space, NBSP, a tab
  ['机　密★', '机　密★'],
  ['机 密★', '机 密★'],
  ['秘\u00a0密★', '秘\u00a0密★'],
  ['绝\t密★', '绝 密★'],
  ['机   密★5年', '机 密★5年'],
  // other stars and the asterisk
  ['机密☆', '机密☆'],
  ['机密⭐', '机密⭐'],
  ['机密⭐\ufe0f1年', '机密⭐1年'],
  ['秘密▲', '秘密▲'],
  ['机密*', '机密*'],
  ['机密＊1年', '机密＊1年'],
  ['机密✩', '机密✩'],
  // traditional and variant characters, full-width forms
  ['機密★', '機密★'],
  ['絕密★長期', '絕密★'],
  ['祕密★', '祕密★'],
  ['機　密★１０年', '機　密★１０年'],
  ['秘密★6個月', '秘密★6個月'],
  // invisible characters inside the marking
  ['机密\u200b★', '机密★'],
  ['机\u200c密★', '机密★'],
  ['机密\u200d★', '机密★'],
  ['机\ufeff密★', '机密★'],
  ['机密\u2060★', '机密★'],
  ['\u200b机\u200b密\u200b', '机密'],
  // the 密级 field
  ['密级：机密', '密级：机密'],
  ['密 级：机密', '密 级：机密'],
  ['密级：秘密', '密级：秘密'],
  ['密级:秘密', '密级:秘密'],
  ['密級：絕密', '密級：絕密'],
  ['密级和保密期限：机密★10年', '密级和保密期限：机密★10年'],
  ['序号,密级:秘密', '密级:秘密'],
  ['密级 绝密', '密级 绝密'],
  // brackets
  ['关于加强值班工作的通知（机密）', '（机密）'],
  ['【机密】会议纪要', '【机密】'],
  ['[秘密]名单', '[秘密]'],
  ['〔绝密〕部署', '〔绝密〕'],
  ['〖机密〗', '〖机密〗'],
  ['报告( 秘 密 )', '( 秘 密 )'],
  ['［机密］', '［机密］'],
  // heading a title or a line
  ['机密 关于开展专项督查的通知', '机密'],
  ['秘密 会议纪要', '秘密'],
  ['机密1号文件', '机密'],
  ['机密-预案', '机密'],
  ['机密：关于某事项的报告', '机密'],
  ['绝密', '绝密'],
  ['　　机密', '机密'],
  ['县委办公室\n机密\n关于……的通知', '机密'],
  // ending a line after a separator (file names)
  ['工作方案-机密', '机密'],
  ['预案_秘密', '秘密'],
  ['会议纪要 绝密', '绝密'],
  // a starred level in a sentence is still the marking written out: refused rather than guessed at
  ['标注为秘密★的文件请走涉密渠道', '秘密★'],
];

/** Ordinary words and sentences that contain a level word without marking anything. */
const plain: string[] = [
  '秘密投票',
  '严格保守国家秘密',
  '机密性',
  '机密性评估报告',
  '商业秘密保护',
  '保密工作',
  '涉密人员培训',
  '不得泄露工作秘密',
  '机密文件管理办法的学习',
  '秘密投票的原则和程序',
  '绝密、机密、秘密是国家秘密的三个密级',
  '国家秘密的密级分为绝密、机密、秘密',
  '关于做好保密工作的通知（2026年）',
  '受法律保护的商业秘密*（见附注）',
  '★秘密投票须知',
  '* 秘密投票',
  '密级：内部',
  '密级：非密',
  '密级:内部 工作秘密，不得外传',
  '本系统为非涉密系统，任何单元格都不得含有密级标识（绝密、机密、秘密）。',
  '有机密封件更换',
  '机密。是指泄露会使国家安全和利益遭受严重损害的国家秘密',
  '机\u200b密性',
  '保守秘密，人人有责',
  '《秘密花园》读书会',
  '“机密”字样的标注规范学习',
  '',
  '普通通知',
];

describe('findClassifiedMarking', () => {
  it('has the cases the hardening issue asks for', () => {
    expect(marked.length).toBeGreaterThanOrEqual(40);
    expect(plain.length).toBeGreaterThanOrEqual(20);
  });

  it.each(marked)('finds the marking in %j and names it as written: %j', (text, shown) => {
    expect(findClassifiedMarking(text)).toBe(shown);
  });

  it.each(plain)('finds no marking in %j', (text) => {
    expect(findClassifiedMarking(text)).toBeNull();
  });

  it('reads every line, not only the first', () => {
    expect(findClassifiedMarking('第一段正文。\r\n第二段正文。\r\n秘密★1年')).toBe('秘密★1年');
    expect(findClassifiedMarking('关于秘密投票\n严格保守国家秘密\n机密性')).toBeNull();
  });

  it('stays fast on long runs of spaces after 密级 (no backtracking blow-up)', () => {
    expect(findClassifiedMarking(`密级${' '.repeat(50_000)}x`)).toBeNull();
    expect(findClassifiedMarking(`密级${'\u3000'.repeat(50_000)}机密`)).toBe('密级 机密');
  });
});
