import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteCell, quoteRow, unquoteCell } from './xlsx-cell';

describe('xlsx cell quoting', () => {
  it('puts a quote before text a spreadsheet could take for a formula', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '-1+2', '+86 123', '@SUM(A1)', '\t=1', '\r=1', "'=1"]) {
      expect(quoteCell(s), JSON.stringify(s)).toBe(`'${s}`);
    }
    for (const s of ['防汛检查', '1-2', "'普通", '', ' =1']) expect(quoteCell(s)).toBe(s);
    expect(quoteCell(-3)).toBe(-3);
    expect(quoteRow({ a: '=1', b: 2, c: null, d: '正常' })).toEqual({ a: "'=1", b: 2, c: null, d: '正常' });
  });

  it('unquoting gives back exactly what was quoted, and nothing written starts like a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', '字', ' ') }), (s) => {
        const q = quoteCell(s);
        expect(/^[=+\-@\t\r]/.test(q)).toBe(false);
        expect(unquoteCell(q)).toBe(s);
      }),
    );
  });
});
