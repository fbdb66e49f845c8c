/**
 * 保密法: classified information must never enter a networked non-classified
 * system. Text carrying a 密级 marking (绝密/机密/秘密, often with ★ and a
 * period) is refused. "秘密" alone in ordinary prose is common ("秘密投票"), so
 * only marking forms are matched: the level at the start of a line or
 * after 密级, or the level followed by ★.
 */
const markings = [
  /(^|\n)\s*[【[（(]?\s*(绝密|机密|秘密)\s*[】\]）)]?\s*(★|$|\n|\s*\d)/,
  /密级\s*[:：]?\s*(绝密|机密|秘密)/,
  /(绝密|机密|秘密)\s*★/,
];

export function findClassifiedMarking(text: string): string | null {
  for (const re of markings) {
    const m = re.exec(text);
    if (m) return (m.find((g, i) => i > 0 && g && /绝密|机密|秘密/.test(g)) ?? m[0]).trim();
  }
  return null;
}
