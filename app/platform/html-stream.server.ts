import { Transform, type TransformCallback } from "node:stream";

/**
 * The body stream for server-rendered HTML. react-dom 18.3's Node renderer (`writeStringChunk`) flushes its
 * whole 2,048-byte view when a multi-byte character does not fit at its end, so the unused tail goes out as
 * NUL bytes — with Chinese text that happens on ordinary pages. HTML never carries a NUL (the parser turns it
 * into U+FFFD), and UTF-8 never uses 0x00 inside a multi-byte character, so dropping every 0x00 byte restores
 * the document exactly.
 */
export function htmlBodyStream(): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (const b of chunk) if (b !== 0) out[n++] = b;
      done(null, out.subarray(0, n));
    },
  });
}
