import "server-only";

export const MAX_INGEST_BYTES = 5 * 1024 * 1024;

export class BodyTooLargeError extends Error {}
/** The client went away (or the connection broke) before the body ended. */
export class BodyAbortedError extends Error {}

/**
 * Reads a request body, refusing (without buffering it all) anything over `limit` bytes.
 *
 * A client that hangs up mid-upload makes the stream fail with "aborted": that is the client's
 * doing, not a server error, so it becomes a BodyAbortedError for the route to answer (nobody
 * hears the answer, and nothing is logged as an error). When the body is too large, the rest of
 * it is left unread and the stream released: Node discards what is still in flight once the
 * response is sent.
 */
export async function readBodyLimited(request: Request, limit = MAX_INGEST_BYTES): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new BodyTooLargeError();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch (error) {
      throw new BodyAbortedError("The request body ended early.", { cause: error });
    }
    if (next.done) break;
    size += next.value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLargeError();
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    body.set(c, offset);
    offset += c.byteLength;
  }
  return body;
}
