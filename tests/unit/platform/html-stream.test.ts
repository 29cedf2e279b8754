import { Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { htmlBodyStream } from "~/platform/html-stream.server";

/** Render through the same path as app/entry.server.tsx and collect the bytes. */
function render(el: ReturnType<typeof createElement>, through: boolean): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        parts.push(Buffer.from(chunk));
        cb();
      },
    });
    sink.on("finish", () => resolve(Buffer.concat(parts)));
    const { pipe } = renderToPipeableStream(el, {
      onAllReady() {
        if (through) pipe(htmlBodyStream()).pipe(sink);
        else pipe(sink);
      },
      onShellError: reject,
    });
  });
}

describe("server-rendered HTML never carries NUL bytes", () => {
  // Short Chinese chunks filling React's 2,048-byte view so that a 3-byte character straddles its end.
  const page = (pad: number) => createElement("div", null, "a".repeat(pad), ...Array.from({ length: 400 }, (_, i) => createElement("span", { key: i }, "以和平里社区党委名义作出决定")));

  it("react-dom's renderer does leave NULs for some paddings (the bug this stream works around)", async () => {
    let seen = false;
    for (let pad = 0; pad < 3 && !seen; pad++) seen = (await render(page(pad), false)).includes(0);
    expect(seen).toBe(true);
  });

  it("through htmlBodyStream the bytes are exactly the text React meant", async () => {
    for (let pad = 0; pad < 3; pad++) {
      const out = await render(page(pad), true);
      expect(out.includes(0)).toBe(false);
      const text = out.toString("utf8");
      expect(text).not.toContain("\uFFFD");
      expect(text.split("以和平里社区党委名义作出决定").length - 1).toBe(400);
    }
  });

  it("drops only 0x00 bytes", async () => {
    const s = htmlBodyStream();
    const got: Buffer[] = [];
    s.on("data", (c: Buffer) => got.push(c));
    s.end(Buffer.from([0x41, 0x00, 0xe4, 0xbb, 0xa5, 0x00, 0x00, 0x42]));
    await new Promise((r) => s.on("end", r));
    expect(Buffer.concat(got)).toEqual(Buffer.from([0x41, 0xe4, 0xbb, 0xa5, 0x42]));
  });
});
