import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
} from 'docx';
import { fmtAvg, fmtRate } from '../../../shared/stats-format';
import type { IsoDate } from '../../domain/calendar/dates';
import type { BulletinOverdueItem } from './bulletin-tables';
import type { UnitStats } from './stats-service';

export interface BulletinContent {
  title: string;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  praise: string;
  criticism: string;
  stats: UnitStats[];
  overdue: BulletinOverdueItem[];
  /** 成文日期 */
  dated: IsoDate;
}

/**
 * Fonts of the 公文 format (GB/T 9704): the GB2312 names are what Chinese
 * offices have installed; Word and WPS substitute 仿宋/黑体/楷体 where they
 * are missing, LibreOffice any installed CJK font. Latin text and digits
 * take Times New Roman. Sizes are in half-points: 2号 = 22 pt, 3号 = 16 pt.
 */
const font = (eastAsia: string) => ({ ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia, hint: 'eastAsia' });
const TITLE = font('方正小标宋简体');
const BODY = font('仿宋_GB2312');
const HEADING = font('黑体');
const SUBTITLE = font('楷体_GB2312');
const SIZE_2 = 44;
const SIZE_3 = 32;
/** 五号 for figures, 小五 for the long column headers */
const SIZE_TABLE = 21;
const SIZE_TABLE_HEADER = 18;
/** 28 pt fixed line spacing and a two-character first-line indent at 3号, as 公文 bodies are set. */
const LINE = { line: 560, lineRule: LineRuleType.EXACT };
const INDENT = { firstLine: 640 };

const run = (text: string, o: IRunOptions = {}) => new TextRun({ text, font: BODY, size: SIZE_3, ...o });
const body = (text: string) => new Paragraph({ spacing: LINE, indent: INDENT, children: [run(text)] });
const heading = (text: string) => new Paragraph({ spacing: LINE, indent: INDENT, children: [run(text, { font: HEADING })] });

export function chineseDate(d: IsoDate): string {
  return `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
}

const numerals = ['一', '二', '三', '四', '五', '六'];
const rate = fmtRate;
const avg = fmtAvg;

export const statsHeaders = [
  '单位',
  '交办',
  '办结',
  '按原定期限办结',
  '按批准期限办结',
  '逾期',
  '按时办结率',
  '平均办结用时（工作日）',
  '退回',
  '批准延期',
  '复核未通过',
  '回头看未通过',
];

function statsCells(s: UnitStats): string[] {
  return [
    s.unit.name,
    String(s.assigned),
    String(s.closed),
    String(s.closedOnTimeOriginal),
    String(s.closedOnTimeApproved),
    String(s.overdue),
    rate(s.onTimeRate),
    avg(s.avgWorkingDaysToClose),
    String(s.returns),
    String(s.extensions),
    String(s.recheckFailures),
    String(s.lookBackFailures),
  ];
}

function cell(text: string, header: boolean, first: boolean, width: number) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: 30, bottom: 30, left: 40, right: 40 },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: first && !header ? AlignmentType.LEFT : AlignmentType.CENTER,
        children: [new TextRun({ text, font: header ? HEADING : BODY, size: header ? SIZE_TABLE_HEADER : SIZE_TABLE })],
      }),
    ],
  });
}

/**
 * Fixed column widths (twips) filling the 156 mm type area: the unit name
 * and the two decimal columns get room, the counts share the rest, so
 * Word, WPS and LibreOffice lay the table out alike.
 */
const TYPE_AREA = convertMillimetersToTwip(210 - 28 - 26);
const WIDE = { unit: 1800, rate: 780, avg: 780 };
const narrow = Math.floor((TYPE_AREA - WIDE.unit - WIDE.rate - WIDE.avg) / 9);
const columnWidths = [WIDE.unit, narrow, narrow, narrow, narrow, narrow, WIDE.rate, WIDE.avg, narrow, narrow, narrow, narrow];

function statsTable(stats: UnitStats[]): Table {
  const row = (cells: string[], header: boolean) =>
    new TableRow({ tableHeader: header, children: cells.map((c, i) => cell(c, header, i === 0, columnWidths[i]!)) });
  return new Table({
    layout: TableLayoutType.FIXED,
    columnWidths,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    rows: [row(statsHeaders, true), ...stats.map((s) => row(statsCells(s), false))],
  });
}

function summary(c: BulletinContent): string {
  const sum = (k: 'assigned' | 'closed' | 'closedOnTimeApproved' | 'overdue') => c.stats.reduce((n, s) => n + s[k], 0);
  return `${chineseDate(c.periodFrom)}至${chineseDate(c.periodTo)}，各单位共承接交办事项${sum('assigned')}件次，办结${sum('closed')}件，其中按批准期限办结${sum('closedOnTimeApproved')}件；期间出现逾期事项${sum('overdue')}件。各单位具体情况见下表。`;
}

const overdueLine = (o: BulletinOverdueItem, i: number) =>
  `${i + 1}. ${o.code}\u3000${o.title}（牵头单位：${o.leadUnit.name}；办理期限：${chineseDate(o.deadline)}；逾期${o.overdueWorkingDays}个工作日）`;

/** The bulletin as a .docx in the layout of a 公文 通报. */
export async function bulletinDocx(c: BulletinContent): Promise<Buffer> {
  const sections: [string, (Paragraph | Table)[]][] = [
    ['总体情况', [body(summary(c))]],
    ['各单位办理情况', c.stats.length ? [statsTable(c.stats)] : [body('本期无交办、办结或逾期事项。')]],
    ['逾期未办结事项', c.overdue.length ? c.overdue.map((o, i) => body(overdueLine(o, i))) : [body('截至期末，无逾期未办结事项。')]],
  ];
  if (c.praise.trim()) sections.push(['表扬', c.praise.split(/\n+/).filter(Boolean).map(body)]);
  if (c.criticism.trim()) sections.push(['批评', c.criticism.split(/\n+/).filter(Boolean).map(body)]);
  const children = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, children: [run(c.title, { font: TITLE, size: SIZE_2, bold: true })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: LINE,
      children: [run(`（${chineseDate(c.periodFrom)}—${chineseDate(c.periodTo)}）`, { font: SUBTITLE })],
    }),
    body(`现将${chineseDate(c.periodFrom)}至${chineseDate(c.periodTo)}督查督办事项办理情况通报如下。`),
    ...sections.flatMap(([name, content], i) => [heading(`${numerals[i]}、${name}`), ...content]),
    new Paragraph({ spacing: { ...LINE, before: 560 }, alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(chineseDate(c.dated))] }),
  ];
  const doc = new Document({
    title: c.title,
    creator: '中枢',
    styles: { default: { document: { run: { font: BODY, size: SIZE_3 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: BODY, size: 28 })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
