import { AppError } from '../../errors';
import { findClassifiedMarking } from '../../domain/classified';
import { ooxmlTexts } from '../../files/ooxml-text';
import { PdfUnreadable, pdfTexts } from '../../files/pdf-text';
import { ZipUnreadable, openGuardedZip } from '../../files/zip';
import { assertPdfInflatesWithin } from '../../files/pdf-guard';

/**
 * Reads what an upload says, for the 密级 check: the text of Word, Excel,
 * PowerPoint and PDF files, and the entry names of zip and OFD packages.
 * Every zip package passes the zip-bomb guard first (files/zip.ts), also
 * those whose text is not read (OFD, .zip), so none is stored that would
 * blow up whoever unpacks it. Old binary formats (doc, xls, ppt, wps, et)
 * are not decoded: their names are checked, and 保密 is the uploader's duty.
 *
 * A file that cannot be read is refused rather than stored unchecked: the
 * office programs would not open it either, and an encrypted PDF hides its
 * text from the check.
 */
export type ReadKind = 'docx' | 'xlsx' | 'pptx' | 'package' | 'pdf';

function assertTextNotClassified(text: string): void {
  const mark = findClassifiedMarking(text);
  if (mark) throw new AppError('CLASSIFIED_CONTENT', `文件内容含有密级标识“${mark}”。本系统为非涉密系统，严禁上传涉密文件，请通过涉密渠道处理。`);
}

const damaged = (ext: string) =>
  new AppError('RULE_VIOLATION', `文件已损坏或格式不正确，无法读取其内容（“.${ext}”文件）。请用原程序重新保存后再上传`);

export async function assertFileTextNotClassified(kind: ReadKind, ext: string, content: Buffer): Promise<void> {
  if (kind === 'pdf') return assertPdf(ext, content);
  let zip;
  try {
    zip = await openGuardedZip(content);
  } catch (e) {
    throw e instanceof ZipUnreadable ? damaged(ext) : e;
  }
  try {
    if (kind === 'package') {
      for (const e of zip.entries) {
        const base = e.name.split('/').pop()!;
        const mark = findClassifiedMarking(base) ?? findClassifiedMarking(base.replace(/\.[^.]*$/, ''));
        if (mark) throw new AppError('CLASSIFIED_CONTENT', `压缩包中的文件名“${e.name.slice(0, 100)}”含有密级标识“${mark}”。本系统为非涉密系统，严禁上传涉密文件，请通过涉密渠道处理。`);
      }
    } else {
      for await (const text of ooxmlTexts(zip, kind)) assertTextNotClassified(text);
    }
    // Declared sizes can lie, and parts whose text is not read (OFD pages, images, a .zip's contents)
    // were only checked by them: inflate every part once, counting and discarding, within the bound.
    await zip.verifyAll();
  } catch (e) {
    throw e instanceof ZipUnreadable ? damaged(ext) : e;
  } finally {
    zip.close();
  }
}

async function assertPdf(ext: string, content: Buffer): Promise<void> {
  assertPdfInflatesWithin(content);
  try {
    for await (const text of pdfTexts(content)) assertTextNotClassified(text);
  } catch (e) {
    if (!(e instanceof PdfUnreadable)) throw e;
    if (e.encrypted) throw new AppError('RULE_VIOLATION', 'PDF 文件设有打开密码，无法检查其内容是否含有密级标识。请去除密码后再上传');
    throw damaged(ext);
  }
}
