import zlib from 'node:zlib';
import { ZIP_LIMITS, archiveTooLarge } from './zip';

const STREAM = Buffer.from('stream', 'latin1');
const END = Buffer.from('endstream', 'latin1');
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * A PDF's FlateDecode streams inflate in pdfjs without any bound, in the
 * server's thread: a 400 KB file whose one content stream is 400 MB of
 * spaces took 10 s and ~900 MB, and a 20 MB upload could ask for ~20 GB.
 * Before pdfjs reads a PDF, each `stream … endstream` body is inflated here
 * once, as zlib (what FlateDecode is), with the output capped at what is
 * left of the same budget as a zip package (ZIP_LIMITS.maxInflatedBytes);
 * past it the file is refused as ARCHIVE_TOO_LARGE. Bodies that are not
 * zlib (other filters, plain content) fail to inflate and are left to
 * pdfjs. Truncated streams inflate as far as they go (sync flush), as
 * pdfjs would read them.
 */
export function assertPdfInflatesWithin(content: Buffer, maxBytes = ZIP_LIMITS.maxInflatedBytes): void {
  let total = 0;
  let at = 0;
  for (;;) {
    const s = content.indexOf(STREAM, at);
    if (s < 0) return;
    at = s + STREAM.length;
    if (s >= 3 && content.toString('latin1', s - 3, s) === 'end') continue;
    let start = at;
    if (content[start] === 0x0d) start++;
    if (content[start] === 0x0a) start++;
    const e = content.indexOf(END, start);
    if (e < 0) return;
    at = e + END.length;
    let out: Buffer;
    try {
      out = zlib.inflateSync(content.subarray(start, e), {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: maxBytes - total + 1,
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw archiveTooLarge(`中的数据流解压后超过 ${MB(maxBytes)}`);
      continue;
    }
    total += out.length;
    if (total > maxBytes) throw archiveTooLarge(`中的数据流解压后超过 ${MB(maxBytes)}`);
  }
}
