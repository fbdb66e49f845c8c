import ExcelJS from 'exceljs';
import { matterPriorityLabels, matterSourceLabels } from '../../../shared/supervision';
import { quoteRow } from '../../domain/xlsx-cell';
import {
  HELP_SHEET,
  IMPORT_SHEET,
  MAX_IMPORT_ROWS,
  importColumns,
  importStateLabels,
  type ImportKey,
} from './excel-columns';

/** Drop-down lists for the enumerated columns; Excel's inline lists are limited to 255 characters, which these fit. */
const choices: Partial<Record<ImportKey, string[]>> = {
  source: Object.values(matterSourceLabels),
  priority: Object.values(matterPriorityLabels),
  state: importStateLabels,
};

const dateColumns: ImportKey[] = ['deadline', 'assignedOn', 'closedOn'];

/**
 * The import template: the empty data sheet with header notes,
 * drop-down lists and date formats, and a 填写说明 sheet explaining every
 * column. Built in memory: it is small and the same for everyone.
 */
export async function importTemplate(exampleUnit: string, today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中枢';
  const ws = wb.addWorksheet(IMPORT_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = importColumns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  importColumns.forEach((c, i) => {
    head.getCell(i + 1).note = `${c.required ? '必填。' : '选填。'}${c.help}`;
  });
  const lastRow = MAX_IMPORT_ROWS + 1;
  importColumns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (dateColumns.includes(c.key)) col.numFmt = 'yyyy-mm-dd';
    const list = choices[c.key];
    if (!list) return;
    // One validation per cell; exceljs squeezes identical neighbours into one range when writing.
    for (let r = 2; r <= lastRow; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: true,
        errorTitle: '取值无效',
        error: `${c.header}只能填：${list.join('、')}`,
      };
    }
  });

  const help = wb.addWorksheet(HELP_SHEET);
  help.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'help', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of importColumns) help.addRow(quoteRow({ header: c.header, required: c.required ? '必填' : '选填', help: c.help }));
  help.addRow({});
  for (const line of [
    `每个文件最多 ${MAX_IMPORT_ROWS} 行，只读取“${IMPORT_SHEET}”工作表；第一行为表头，列的顺序可以调整，但不能增加其他列。`,
    '所有行校验通过才会导入；任何一行有错，整个文件都不导入，并逐行逐列列出错误。',
    '本系统为非涉密系统，任何单元格都不得含有密级标识（绝密、机密、秘密）。',
    `示例：标题“落实县委常委会议定事项”，来源“会议议定事项”，牵头单位“${exampleUnit}”，办理期限“${Number(today.slice(0, 4)) + 1}-06-30”。`,
  ]) {
    // Our own text today (the unit name sits mid-line), quoted anyway like every cell the product writes.
    help.addRow(quoteRow({ header: '注意', help: line }));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
