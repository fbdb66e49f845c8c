/**
 * 保密法: classified information must never enter a networked non-classified
 * system, so text carrying a 密级 marking is refused. The three levels are
 * 绝密, 机密 and 秘密; 内部, 非密 and 工作秘密 are not 密级 and pass.
 *
 * People (and the files they upload) write a marking in many shapes, so the
 * text is first normalised: NFKC (full-width ＊：（ become *:( , U+3000 and
 * NBSP become spaces), the traditional and variant characters of these words
 * (機 絕 絶 祕 級 宻) become simplified, and invisible characters (zero-width
 * spaces and joiners, U+2060, BOM, direction marks, variation selectors) are
 * dropped. Whitespace is kept, as a single space, because it decides the
 * headline form: “机密 关于…的通知” is marked, “机密性评估” is not.
 *
 * The level words are everyday words too (“秘密投票”, “严格保守国家秘密”,
 * “机密性”), so only the marking forms count:
 *  - level + star, anywhere: 机密★1年, 机<U+3000>密★ (GB/T 9704-1999 spaced
 *    form), 机密☆ ⭐ ▲; the plain asterisk only where the level starts a
 *    word, since “商业秘密*” is a footnote;
 *  - star + level as a word: ★秘密 (but “★秘密投票” is a starred bullet);
 *  - the 密级 field: 密级：机密, 密 级:秘密, 密级和保密期限：机密★10年;
 *  - the level alone in brackets: （机密）【机密】[秘密]〔绝密〕〖机密〗;
 *  - the level heading a line, followed by a space, digit, separator or
 *    nothing: “机密 关于…的通知”, “机密1号文件”, “机密-预案”, or ending a
 *    line after a separator: “工作方案-机密”, “预案_秘密”. A comma or 、
 *    after or before it is prose (“绝密、机密、秘密是三个密级”).
 *
 * Pure; the caller decides what a found marking means (refusal, cell error).
 */

const INVISIBLE = /\p{Cf}|\u180e|[\ufe00-\ufe0f]/gu;
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
const variants: Record<string, string> = { 機: '机', 絕: '绝', 絶: '绝', 祕: '秘', 級: '级', 宻: '密', 個: '个' };

/** The normalised line and, for each of its UTF-16 units, the span of the original it came from. */
interface Normalised {
  text: string;
  from: number[];
  to: number[];
}

function normalise(raw: string): Normalised {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of raw) {
    const n = [...ch.normalize('NFKC').replace(INVISIBLE, '')]
      .map((c) => variants[c] ?? c)
      .join('')
      .replace(/\s/g, ' ');
    if (n === ' ' && text.endsWith(' ')) {
      // Runs of spaces are one space: the patterns then allow one, which keeps their matching linear.
      to[to.length - 1] = at + ch.length;
    } else {
      for (let k = 0; k < n.length; k++) {
        from.push(at);
        to.push(at + ch.length);
      }
      text += n;
    }
    at += ch.length;
  }
  return { text, from, to };
}

/** A space inside or around a marking (runs are already one): “机<U+3000>密★”, “密 级：机密”, “机密 ★ 1年”. */
const SP = ' ?';
const LEVEL = `(?:绝|机|秘)${SP}密`;
/** Star-like signs seen after the level; ASCII * is handled apart (footnotes). */
const STAR = '[★☆✦✧✩✪✫✬✭✮✯✰⋆⭐🌟▲△✱✲✳∗⁎]';
/** 保密期限 as written after the star: 10年, 6个月, 长期. */
const PERIOD = `(?:${SP}\\d{1,3}${SP}(?:年|个月|月|天|日)|${SP}长期)?`;
/** What may follow a level word that heads a line for it to be a marking rather than the start of a word. */
const HEAD_END = String.raw`(?=$|[ \d:;\-_—–·./|()\[\]【】〔〕〖〗])`;
const SEPARATOR = String.raw`[ \-_—–·.]`;
/** Before a word: start of line, or anything that is not a Han character or a letter. */
const WORD_START = String.raw`(?<![\p{Script=Han}\p{L}])`;

const forms: RegExp[] = [
  new RegExp(`密${SP}级(?:${SP}和${SP}保${SP}密${SP}期${SP}限)?${SP}[:|]?${SP}${LEVEL}(?:${SP}(?:${STAR}|\\*)${PERIOD})?`, 'u'),
  new RegExp(`${LEVEL}${SP}${STAR}${PERIOD}`, 'u'),
  new RegExp(`${WORD_START}${LEVEL}${SP}\\*+${PERIOD}`, 'u'),
  new RegExp(`${STAR}${SP}${LEVEL}${HEAD_END}`, 'u'),
  new RegExp(`[(\\[【〔〖]${SP}${LEVEL}${SP}[)\\]】〕〗]`, 'u'),
  new RegExp(`^${SP}${LEVEL}${HEAD_END}`, 'u'),
  new RegExp(`${SEPARATOR}${LEVEL}${SP}$`, 'u'),
];

/** The marking as the user wrote it, without the invisible characters they could not see. */
const shown = (raw: string) => raw.replace(INVISIBLE, '').replace(/[\t\v\f]/g, ' ').replace(/\s{2,}/g, ' ').replace(/^[\s\-_—–·.]+/, '').trim();

/**
 * The first 密级 marking in the text, as written there (e.g. “機密★”,
 * “密级：秘密”, “（机密）”), or null. Lines are read one by one so a marking
 * heading any line (a paragraph, a spreadsheet cell) is found; only lines
 * holding 密 (or its variant 宻) are normalised, which keeps a document's
 * worth of text cheap.
 */
export function findClassifiedMarking(text: string): string | null {
  if (!/[密宻]/.test(text)) return null;
  for (const line of text.split(LINE_BREAK)) {
    if (!/[密宻]/.test(line)) continue;
    const n = normalise(line);
    for (const re of forms) {
      const m = re.exec(n.text);
      if (!m) continue;
      const start = n.from[m.index]!;
      const end = n.to[m.index + m[0].length - 1]!;
      return shown(line.slice(start, end));
    }
  }
  return null;
}
