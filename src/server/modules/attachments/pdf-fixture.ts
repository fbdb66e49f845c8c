/**
 * Builds small, valid PDFs for tests, with real page text that PDF readers
 * (and pdfjs) extract: each line is shown with a Type0 font whose ToUnicode
 * CMap maps its 2-byte codes to the line's characters, so Chinese text
 * needs no embedded font file. The font is not embedded (nothing is drawn
 * in tests); Adobe's Identity ordering lets any reader substitute one.
 */
export function pdfWithText(lines: string[], opts: { title?: string; padding?: Buffer } = {}): Buffer {
  const chars = [...new Set(lines.flatMap((l) => [...l]))];
  const code = (c: string) => (chars.indexOf(c) + 1).toString(16).padStart(4, '0');
  const utf16 = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex');
  const cmap = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def /CMapType 2 def',
    '1 begincodespacerange <0000> <FFFF> endcodespacerange',
    ...chunk(chars, 100).flatMap((part) => [`${part.length} beginbfchar`, ...part.map((c) => `<${code(c)}> <${utf16(c)}>`), 'endbfchar']),
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  const content = ['BT', '/F1 14 Tf', '72 760 Td', ...lines.flatMap((l) => [`<${[...l].map(code).join('')}> Tj`, '0 -24 Td']), 'ET'].join('\n');
  const stream = (body: string | Buffer) => {
    const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
    return Buffer.concat([Buffer.from(`<< /Length ${b.length} >>\nstream\n`, 'latin1'), b, Buffer.from('\nendstream', 'latin1')]);
  };
  const title = opts.title === undefined ? '' : ` /Title <FEFF${utf16(opts.title)}>`;
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    stream(content),
    '<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
    '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 1000 >>',
    stream(cmap),
    '<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -141 1000 859] /ItalicAngle 0 /Ascent 859 /Descent -141 /CapHeight 683 /StemV 80 >>',
    `<< /Producer (zhongshu test)${title} >>`,
    // an unreferenced stream: filler bytes for a file of a given size
    stream(opts.padding ?? Buffer.alloc(0)),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((o, i) => {
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(o) ? o : Buffer.from(o, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    offsets.push(at);
    parts.push(b);
    at += b.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 9 0 R >>\nstartxref\n${at}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

const chunk = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** A valid PDF of exactly `size` bytes, filled with random bytes in an unused stream. */
export function pdfOfSize(size: number, fill: (n: number) => Buffer): Buffer {
  let padding = size - pdfWithText(['附件']).length;
  for (;;) {
    const pdf = pdfWithText(['附件'], { padding: fill(padding) });
    if (pdf.length === size) return pdf;
    padding += size - pdf.length;
  }
}
