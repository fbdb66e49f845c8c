import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../errors';

/**
 * The guard every uploaded zip package passes before anything inflates it
 * (.docx/.xlsx/.pptx, OFD, .zip; 台账导入 and attachment checks). A 1 MB
 * .xlsx can inflate to 1 GB, and exceljs/jszip inflate every part into
 * memory, which once took the server from 611 MiB to 1.5 GB for good.
 *
 * Two steps, because the sizes in the central directory are the sender's word:
 *  1. the central directory alone (nothing inflated): the entry count, the
 *     declared uncompressed total, and each large entry's compression ratio;
 *  2. when entries are read, yauzl stops an inflate stream the moment it
 *     yields more bytes than its entry declared, so the real total never
 *     passes the declared one that step 1 allowed.
 */
export const ZIP_LIMITS = {
  /** an Office file has tens of parts, a bundle of scans hundreds */
  maxEntries: 10_000,
  /** every legitimate upload we take (20 MB attachments, 10 MB imports) inflates well below this */
  maxInflatedBytes: 100 * 1024 * 1024,
  /** XML deflates 5–30×; only a constructed file reaches ~1000× (deflate's ceiling) */
  maxRatio: 200,
  /** the ratio is judged only for entries this large: a small, very regular part is no threat */
  ratioFloorBytes: 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** A limit crossed: 413, as the content is too large once unpacked; the message names the limit. */
export const archiveTooLarge = (why: string) =>
  new AppError('ARCHIVE_TOO_LARGE', `压缩文件${why}，可能是恶意构造的“压缩炸弹”，已拒绝。请检查文件后重新上传。`);

/** Not a zip we can read (no central directory, bad offsets, encrypted parts). Callers decide the answer. */
export class ZipUnreadable extends Error {}

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export interface GuardedZip {
  entries: readonly ZipEntryInfo[];
  /** The entry's inflated bytes; refuses (ARCHIVE_TOO_LARGE) if they exceed what was declared. */
  read(name: string): Promise<Buffer>;
  /** Inflates every entry and discards the bytes: proves the declared sizes before another parser trusts them. */
  verifyAll(): Promise<void>;
  close(): void;
}

async function open(content: Buffer): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.fromBufferPromise(content, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (e) {
    throw new ZipUnreadable((e as Error).message);
  }
}

function checkDirectory(entries: ZipEntryInfo[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > limits.maxInflatedBytes) throw archiveTooLarge(`解压后超过 ${MB(limits.maxInflatedBytes)}`);
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize >= limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw archiveTooLarge(`中的“${e.name.slice(0, 100)}”压缩比异常（约 ${Math.round(ratio)} 倍）`);
    }
  }
}

/** Reads a stream to its end, or refuses when the inflated bytes pass the declared size (yauzl's check) or our own bound. */
async function drain(stream: Readable, bound: number, keep: boolean): Promise<{ bytes: number; content: Buffer }> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > bound) throw archiveTooLarge(`解压后超过 ${MB(bound)}`);
      if (keep) chunks.push(chunk);
    }
  } catch (e) {
    stream.destroy();
    if (e instanceof AppError) throw e;
    const message = (e as Error).message;
    if (/too many bytes/.test(message)) throw archiveTooLarge('中文件的实际大小超过其声明的大小');
    throw new ZipUnreadable(message);
  }
  return { bytes, content: Buffer.concat(chunks) };
}

/**
 * Opens an uploaded zip and checks its central directory against the limits
 * before anything is inflated. Throws ARCHIVE_TOO_LARGE over a limit and
 * ZipUnreadable when the structure cannot be read.
 */
export async function openGuardedZip(content: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<GuardedZip> {
  const zip = await open(content);
  const raw: yauzl.Entry[] = [];
  try {
    if (zip.entryCount > limits.maxEntries) throw archiveTooLarge(`包含 ${zip.entryCount} 个文件，超过 ${limits.maxEntries} 个的上限`);
    try {
      for await (const e of zip.eachEntry()) raw.push(e);
    } catch (e) {
      throw new ZipUnreadable((e as Error).message);
    }
    const entries = raw.map((e) => ({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize }));
    checkDirectory(entries, limits);
  } catch (e) {
    zip.close();
    throw e;
  }
  let inflated = 0;
  const readEntry = async (entry: yauzl.Entry, keep: boolean) => {
    let stream: Readable;
    try {
      stream = await zip.openReadStreamPromise(entry);
    } catch (e) {
      throw new ZipUnreadable((e as Error).message);
    }
    const { bytes, content } = await drain(stream, limits.maxInflatedBytes - inflated, keep);
    inflated += bytes;
    return content;
  };
  return {
    entries: raw.map((e) => ({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize })),
    async read(name) {
      const entry = raw.find((e) => e.fileName === name);
      if (!entry) throw new ZipUnreadable(`no entry ${name}`);
      return readEntry(entry, true);
    },
    async verifyAll() {
      for (const entry of raw) if (!entry.fileName.endsWith('/')) await readEntry(entry, false);
    },
    close: () => zip.close(),
  };
}
