import zlib from 'node:zlib';

/**
 * The backup file: PGlite's data-directory tar, gzip-compressed as its
 * .tar.gz name says. Reading it checks the whole archive before anything
 * is restored, so a file cut short (a full disk, an interrupted copy) is
 * refused with a reason instead of failing inside the database engine.
 */
export const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

export const packBackup = (tar: Buffer): Buffer => zlib.gzipSync(tar);

/** The tar inside the file, or the reason it cannot be one. Files written before compression was added are plain tar. */
export function unpackBackup(file: Buffer): { tar: Buffer } | { problem: string } {
  let tar = file;
  if (isGzip(file)) {
    try {
      tar = zlib.gunzipSync(file);
    } catch {
      return { problem: '压缩数据不完整' };
    }
  }
  const problem = tarProblem(tar);
  return problem ? { problem } : { tar };
}

const BLOCK = 512;
const octal = (b: Buffer, from: number, len: number) => parseInt(b.subarray(from, from + len).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);

/** Walks the ustar headers: each checksum right, each file's data present, and the two empty blocks that end an archive. */
export function tarProblem(tar: Buffer): string | null {
  let at = 0;
  let entries = 0;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((x) => x === 0)) {
      if (entries === 0) return '归档为空';
      const next = tar.subarray(at + BLOCK, at + 2 * BLOCK);
      return next.length === BLOCK && next.every((x) => x === 0) ? null : '归档结尾不完整';
    }
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
    if (sum !== octal(header, 148, 8)) return `第 ${entries + 1} 个文件的头部已损坏`;
    const size = octal(header, 124, 12);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (at > tar.length) return '归档在文件中途中断';
    entries++;
  }
  return '归档在文件中途中断';
}
