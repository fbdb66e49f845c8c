import { describe, expect, it } from 'vitest';
import { assertPdfInflatesWithin } from './pdf-guard';
import { pdfBomb, refusal } from '../modules/attachments/test-fixtures';
import { pdfWithText } from '../modules/attachments/pdf-fixture';

describe('assertPdfInflatesWithin', () => {
  it('passes a real PDF and refuses one whose streams inflate past the bound', () => {
    expect(refusal(() => assertPdfInflatesWithin(pdfWithText(['关于做好年终工作的通知'])))).toBeNull();
    expect(refusal(() => assertPdfInflatesWithin(pdfBomb(8), 4 * 1024 * 1024))).toBe('ARCHIVE_TOO_LARGE');
    expect(refusal(() => assertPdfInflatesWithin(pdfBomb(8), 16 * 1024 * 1024))).toBeNull();
    // The budget is for the whole file: two streams of 3 MB each pass 8 MB but not 5 MB.
    const two = Buffer.concat([pdfBomb(3), pdfBomb(3)]);
    expect(refusal(() => assertPdfInflatesWithin(two, 8 * 1024 * 1024))).toBeNull();
    expect(refusal(() => assertPdfInflatesWithin(two, 5 * 1024 * 1024))).toBe('ARCHIVE_TOO_LARGE');
  });
});
