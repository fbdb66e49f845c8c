import type { GuardedZip } from './zip';

/**
 * The visible text of a Word, Excel or PowerPoint file (OOXML), one string
 * per part, read from the XML parts that carry it: body, headers, footers,
 * notes and comments of a document; shared strings, inline strings, sheet
 * names and comments of a workbook; slides and notes of a presentation; and
 * every package's title, subject and keywords (docProps/core.xml). Text is
 * taken from the text elements only (w:t, a:t, t, …), so attribute values,
 * numbers and markup never reach the 密级 check; each paragraph, shared
 * string or cell ends a line, so a marking heading a paragraph or standing
 * in a cell heads a line.
 */
const partsOf: Record<'docx' | 'xlsx' | 'pptx', RegExp> = {
  docx: /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/,
  xlsx: /^xl\/(sharedStrings|workbook|worksheets\/sheet\d+|comments\d*)\.xml$/,
  pptx: /^ppt\/(slides\/slide\d+|notesSlides\/notesSlide\d+|comments\/comment\d+)\.xml$/,
};
const CORE = 'docProps/core.xml';

/** Elements whose character content is text (local names: w:t, a:t, t; w:delText is still in the file). */
const TEXT = new Set(['t', 'delText', 'title', 'subject', 'keywords', 'description', 'text']);
/** Elements whose end is a line break: paragraphs, shared/inline strings, cells, table cells, core properties. */
const BLOCK = new Set(['p', 'si', 'is', 'c', 'tc', 'br', 'cr', 'title', 'subject', 'keywords', 'description', 'text']);

const TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return named[name]!;
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** The text of one XML part; sheet names (attributes of <sheet>) are text too. */
export function xmlText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  for (const m of xml.matchAll(TOKEN)) {
    const [, cdata, closing, qname, attrs, selfClosing, chars] = m;
    if (chars !== undefined || cdata !== undefined) {
      if (inText > 0) out.push(cdata ?? decode(chars!));
      continue;
    }
    if (qname === undefined) continue;
    const name = localName(qname);
    if (name === 'sheet' && !closing) {
      const sheetName = /\bname\s*=\s*"([^"]*)"/.exec(attrs ?? '');
      if (sheetName) out.push(decode(sheetName[1]!), '\n');
    }
    if (name === 'tab' && !closing) out.push(' ');
    if (TEXT.has(name) && !selfClosing) inText += closing ? -1 : 1;
    if (inText < 0) inText = 0;
    if (BLOCK.has(name) && (closing || selfClosing)) out.push('\n');
  }
  return out.join('');
}

/** Each text part's text, inflated one part at a time through the guard, so at most one part is held. */
export async function* ooxmlTexts(zip: GuardedZip, kind: keyof typeof partsOf): AsyncGenerator<string> {
  for (const e of zip.entries) {
    if (e.name !== CORE && !partsOf[kind].test(e.name)) continue;
    yield xmlText((await zip.read(e.name)).toString('utf8'));
  }
}
