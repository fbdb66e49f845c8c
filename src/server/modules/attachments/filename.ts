import { AppError } from '../../errors';
import { assertNotClassified } from '../../domain/text';
import { extensionOf } from './file-types';

export const MAX_FILENAME_CHARS = 200;

/**
 * The name as the user will see it again: no folder part (browsers on Windows
 * send one), no control or invisible format characters (a right-to-left
 * override, U+202E, can make an .exe look like a PDF), whitespace collapsed,
 * at most 200 characters with the extension kept.
 */
export function sanitiseFilename(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/\s/g, ' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const chars = Array.from(clean);
  if (chars.length <= MAX_FILENAME_CHARS) return clean;
  const ext = extensionOf(clean);
  const keep = ext && ext.length <= 10 ? `.${ext}` : '';
  return chars.slice(0, MAX_FILENAME_CHARS - keep.length).join('').trimEnd() + keep;
}

/**
 * File names carry 密级 markings in forms that ordinary text does not:
 * "通知（机密）.pdf", "机密-预案.docx", "预案_秘密.doc". A level word counts
 * when bracketed, or standing alone at the start or end of the name; inside
 * a word ("秘密投票结果.xlsx") it does not.
 */
const filenameMarkings = [
  /[【[（(〔]\s*(绝密|机密|秘密)\s*[】\]）)〕]/,
  /^(绝密|机密|秘密)(?=$|[\s_\-—–·.，,、★☆\d])/,
  /(?:^|[\s_\-—–·.，,、])(绝密|机密|秘密)$/,
];

export function assertFilenameNotClassified(filename: string): void {
  const ext = extensionOf(filename);
  const stem = ext ? filename.slice(0, -(ext.length + 1)) : filename;
  assertNotClassified(filename, stem);
  for (const re of filenameMarkings) {
    const m = re.exec(stem);
    if (m) {
      throw new AppError(
        'CLASSIFIED_CONTENT',
        `文件名含有密级标识“${m[1]}”。本系统为非涉密系统，严禁上传涉密文件，请通过涉密渠道处理。`,
      );
    }
  }
}
