import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, AlignmentType } from 'docx';
import { chineseDate } from './bulletin-docx';

export interface ReferralContent {
  code: string;
  title: string;
  facts: [string, string][];
  /** ground: what the referral rests on, with its facts (describeReferralGround) */
  reasons: { at: string; actor: string; ground: string; text: string; recipients: string }[];
  timeline: { at: string; actor: string; action: string; comment: string }[];
  reminders: { at: string; number: string; trigger: string }[];
  explanations: { at: string; actor: string; text: string }[];
  /** step: the event that brought the file (its label), or 立项 */
  attachments: { filename: string; sha256: string; step: string }[];
  audit: { first: number | null; last: number | null; count: number; lastHash: string | null; algorithm: string };
  dated: string;
}

const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEAD = { ...BODY, eastAsia: '黑体' };
const p = (text: string, bold = false) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text, font: bold ? HEAD : BODY, size: 28 })] });
const cell = (text: string) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, font: BODY, size: 21 })] })] });
const table = (header: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header.map(cell) }), ...rows.map((r) => new TableRow({ children: r.map(cell) }))],
  });

/**
 * 问责移交材料: everything 纪检/组织部门 need to judge how the matter was
 * handled — the facts, every step with its actor and time, every 催办, every
 * explanation the unit gave, the files, and the audit chain position that
 * lets them verify none of it was altered afterwards.
 */
export async function referralDocx(c: ReferralContent): Promise<Buffer> {
  const none = (rows: unknown[]) => (rows.length ? [] : [p('（无）')]);
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: `关于“${c.title}”的问责移交材料`, font: { ...BODY, eastAsia: '方正小标宋简体' }, size: 40, bold: true })],
          }),
          p(`督办编号：${c.code}`),
          p('一、基本情况', true),
          table(['项目', '内容'], c.facts),
          p('二、移交理由', true),
          ...c.reasons.map((r) => p(`${r.at}，${r.actor}：移交依据：${r.ground}。理由：${r.text}（移交：${r.recipients}）`)),
          p('三、办理过程', true),
          table(['时间', '办理人', '环节', '意见或说明'], c.timeline.map((t) => [t.at, t.actor, t.action, t.comment])),
          p('四、催办记录', true),
          ...none(c.reminders),
          ...(c.reminders.length ? [table(['时间', '次数', '方式'], c.reminders.map((r) => [r.at, r.number, r.trigger]))] : []),
          p('五、承办单位的说明与理由', true),
          ...none(c.explanations),
          ...c.explanations.map((e) => p(`${e.at}，${e.actor}：${e.text}`)),
          p('六、附件清单', true),
          ...none(c.attachments),
          ...c.attachments.map((a, i) => p(`${i + 1}. ${a.filename}（随“${a.step}”提交；SHA-256：${a.sha256}）`)),
          p('七、审计记录校验', true),
          p(
            c.audit.count
              ? `本材料涉及审计日志第 ${c.audit.first} 至第 ${c.audit.last} 号中的 ${c.audit.count} 条记录，末条记录哈希（${c.audit.algorithm.toUpperCase()}）为 ${c.audit.lastHash}，可用 zhongshu audit verify 核验日志未被篡改。`
              : '无相关审计记录。',
          ),
          new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 400 }, children: [new TextRun({ text: chineseDate(c.dated), font: BODY, size: 28 })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
