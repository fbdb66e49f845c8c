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

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(lt|gt|amp|quot|apos));/g;
const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(ENTITY, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return named[name]!;
    const cp = dec ? Number(dec) : parseInt(hex!, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/**
 * Where the tag opened at `from` ends (its `>`), skipping quoted attribute
 * values; -1 when it never does.
 */
function tagEnd(xml: string, from: number): number {
  for (let j = from; j < xml.length; j++) {
    const ch = xml[j];
    if (ch === '>') return j;
    if (ch === '"' || ch === "'") {
      const close = xml.indexOf(ch, j + 1);
      if (close < 0) return -1;
      j = close;
    }
  }
  return -1;
}

const TAG_NAME = /^\/?([A-Za-z_][\w.:-]*)/;

/**
 * The text of one XML part; sheet names (attributes of <sheet>) are text too.
 * A hand-written scanner, not a regular expression: every step moves forward
 * with indexOf, so a crafted part (thousands of unclosed `<` or `<!--`) costs
 * linear time instead of rescanning to its end from every `<`. Parsing stops
 * at the first construct that never closes: Office does not write one.
 */
export function xmlText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  const chars = (t: string) => {
    if (inText > 0 && t) out.push(decode(t));
  };
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      chars(xml.slice(i));
      break;
    }
    chars(xml.slice(i, lt));
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) break;
      if (inText > 0) out.push(xml.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    const gt = tagEnd(xml, lt + 1);
    if (gt < 0) break;
    i = gt + 1;
    const tag = xml.slice(lt + 1, gt);
    const m = TAG_NAME.exec(tag);
    if (!m) continue; // <?xml …?>, <!DOCTYPE …>, or a stray '<'
    const closing = tag.startsWith('/');
    const selfClosing = tag.endsWith('/');
    const attrs = tag.slice(m[0].length);
    const name = localName(m[1]!);
    if (name === 'sheet' && !closing) {
      const sheetName = /\bname\s*=\s*"([^"]*)"/.exec(attrs);
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
