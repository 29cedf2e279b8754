import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_FILE_BYTES } from "./columns";

/**
 * The upload of an import file (security.md item 20): the size limit holds before anything is buffered — a
 * declared Content-Length over the limit is refused unread, the body is counted as it streams, and the file part
 * may not exceed 20 MB. Only the `file` field is read; the name is kept as a label, never used as a path.
 */
export type UploadProblem = "noFile" | "tooLarge";

/** Room for the multipart boundaries and part headers around a file of the maximum size. */
const ENVELOPE_BYTES = 64 * 1024;

class BodyTooLarge extends Error {}

function limitBody(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

export async function readUpload(request: Request): Promise<{ ok: true; file: { name: string; bytes: Uint8Array } } | { ok: false; problem: UploadProblem }> {
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get("content-type") ?? "") || !request.body) return { ok: false, problem: "noFile" };
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_FILE_BYTES + ENVELOPE_BYTES) return { ok: false, problem: "tooLarge" };
  const limited = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: limitBody(request.body, MAX_FILE_BYTES + ENVELOPE_BYTES),
    duplex: "half",
  } as RequestInit);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      limited,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES, filter: ({ name, filename }) => name === "file" && typeof filename === "string" }),
    );
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError || e instanceof BodyTooLarge) return { ok: false, problem: "tooLarge" };
    return { ok: false, problem: "noFile" };
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, problem: "noFile" };
  const name = (file.name.split(/[/\\]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 200) || "upload";
  return { ok: true, file: { name, bytes: new Uint8Array(await file.arrayBuffer()) } };
}
