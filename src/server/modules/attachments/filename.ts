import { AppError } from '../../errors';
import { findClassifiedMarking } from '../../domain/classified';
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
 * The name is read for a 密级 marking like any text, and so is the stem:
 * without its extension, a level ending the name (“预案_秘密.doc”) ends the
 * text. Bracketed, starred, heading and trailing forms are the domain's
 * (domain/classified.ts); “秘密投票结果.xlsx” is an ordinary name.
 */
export function assertFilenameNotClassified(filename: string): void {
  const ext = extensionOf(filename);
  const stem = ext ? filename.slice(0, -(ext.length + 1)) : filename;
  const mark = findClassifiedMarking(filename) ?? findClassifiedMarking(stem);
  if (mark) {
    throw new AppError(
      'CLASSIFIED_CONTENT',
      `文件名含有密级标识“${mark}”。本系统为非涉密系统，严禁上传涉密文件，请通过涉密渠道处理。`,
    );
  }
}
