import ExcelJS from 'exceljs';
import { AppError } from '../../errors';
import { ZipUnreadable, openGuardedZip } from '../../files/zip';
import { unquoteCell } from '../../domain/xlsx-cell';
import { IMPORT_SHEET, MAX_IMPORT_ROWS, importColumns, type ImportKey } from './excel-columns';

/** One problem in the file, addressed as people see it in Excel: row number and column header. */
export interface CellError {
  row: number;
  column: string;
  message: string;
}

/** A cell as the parser cares about it: text, a real date, a number, or nothing. */
export type Raw = string | number | Date | null;

export interface SheetRow {
  row: number;
  cells: Partial<Record<ImportKey, Raw>>;
}

/** A file of 5,000 wrong rows would make an answer of megabytes; the first ones are enough to start fixing. */
const MAX_REPORTED = 1000;

/** Many problems at once, as a 422 whose details list them (the first MAX_REPORTED, in row order). */
export function importRefused(errors: CellError[]): AppError {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const first = sorted
    .slice(0, 3)
    .map((e) => `第 ${e.row} 行“${e.column}”：${e.message}`)
    .join('；');
  const more = errors.length > MAX_REPORTED ? `（仅列出前 ${MAX_REPORTED} 处）` : '';
  return new AppError('RULE_VIOLATION', `导入文件有 ${errors.length} 处错误${more}，未导入任何事项。${first}`, sorted.slice(0, MAX_REPORTED));
}

/** Formulas, rich text and hyperlinks reduced to what the cell shows. */
function rawOf(v: ExcelJS.CellValue): Raw {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number') return v;
  // A cell copied from one of our exports keeps the ' put before formula-like text: take it off again.
  if (typeof v === 'string') {
    const text = unquoteCell(v).trim();
    return text === '' ? null : text;
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if ('richText' in v) return rawOf(v.richText.map((t) => t.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) return rawOf((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('error' in v) return String(v.error);
  if ('text' in v) return rawOf(v.text as ExcelJS.CellValue);
  return null;
}

/** Headers compare without the required mark, spaces and a parenthesised note: “协办单位（、分隔）” is 协办单位. */
const normalHeader = (h: string) => h.replace(/[*＊\s]/g, '').replace(/[（(].*?[）)]/g, '');

function headerMap(ws: ExcelJS.Worksheet): { columns: Map<ImportKey, number>; errors: CellError[] } {
  const errors: CellError[] = [];
  const map = new Map<ImportKey, number>();
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const text = rawOf(cell.value);
    if (text === null) return;
    const name = normalHeader(String(text));
    const def = importColumns.find((c) => c.header === name);
    if (!def) {
      errors.push({ row: 1, column: String(text), message: `未知的列“${String(text)}”，请使用导入模板中的列` });
    } else if (map.has(def.key)) {
      errors.push({ row: 1, column: def.header, message: `列“${def.header}”重复` });
    } else {
      map.set(def.key, col);
    }
  });
  for (const c of importColumns) {
    if (c.required && !map.has(c.key)) errors.push({ row: 1, column: c.header, message: `缺少必填列“${c.header}”` });
  }
  return { columns: map, errors };
}

/**
 * exceljs inflates every part of the package into memory, trusting the sizes
 * it declares, so the zip-bomb guard inflates each part once first, counting
 * and discarding the bytes (413 ARCHIVE_TOO_LARGE over the limits).
 */
async function assertZipWithinLimits(content: Buffer, unreadable: () => AppError): Promise<void> {
  let zip;
  try {
    zip = await openGuardedZip(content);
    await zip.verifyAll();
  } catch (e) {
    throw e instanceof ZipUnreadable ? unreadable() : e;
  } finally {
    zip?.close();
  }
}

/**
 * Opens the upload and returns its data rows keyed by the known columns.
 * A file that cannot be read at all is answered here: not an .xlsx file
 * (400), a zip bomb (413 ARCHIVE_TOO_LARGE), no rows (400), too many rows
 * (413). A wrong, missing or repeated column comes back as an error on
 * row 1 naming it, alongside the errors of the rows, so one round trip shows
 * everything to fix. Blank rows are skipped, as people leave them between
 * blocks.
 */
export async function readImportSheet(content: Buffer): Promise<{ rows: SheetRow[]; errors: CellError[] }> {
  const notXlsx = () => new AppError('VALIDATION_FAILED', '文件不是有效的 Excel（.xlsx）文件，请使用导入模板填写后上传');
  await assertZipWithinLimits(content, notXlsx);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw notXlsx();
  }
  const ws = wb.getWorksheet(IMPORT_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('VALIDATION_FAILED', '文件中没有工作表，请使用导入模板填写后上传');
  const { columns, errors } = headerMap(ws);
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const cells: SheetRow['cells'] = {};
    for (const [key, col] of columns) cells[key] = rawOf(r.getCell(col).value);
    if (Object.values(cells).some((v) => v !== null)) rows.push({ row: n, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `每个文件最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${rows.length} 行，请拆分后分批导入`);
  }
  if (rows.length === 0) throw new AppError('VALIDATION_FAILED', `“${ws.name}”工作表中没有数据行`);
  return { rows, errors };
}
