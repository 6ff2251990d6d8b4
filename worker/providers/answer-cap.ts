// Caps the size of a provider's answer while it arrives: the body is counted chunk by chunk and
// cut off (the connection cancelled) past the cap, so a runaway or hostile server cannot make the
// worker buffer hundreds of megabytes. Applies to JSON answers and streams alike.

/** 16 MiB: far above any real completion (128k tokens of JSON or of SSE chunks at ~130 bytes each). */
export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the answer is larger than ${formatBytes(limit)}`);
    this.name = 'AnswerTooLargeError';
  }
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`);

/** The response with its body counted; the read fails with AnswerTooLargeError past `limit` bytes. */
export function capAnswer(res: Response, limit: number): Response {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > limit) {
    void res.body?.cancel().catch(() => undefined);
    throw new AnswerTooLargeError(limit);
  }
  if (!res.body) return res;
  let seen = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      // Erroring the transform cancels the upstream body: the rest is never downloaded.
      if (seen > limit) controller.error(new AnswerTooLargeError(limit));
      else controller.enqueue(chunk);
    },
  });
  return new Response(res.body.pipeThrough(counter), { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** Whether an error (or anything in its cause chain) is an oversized answer. */
export function tooLargeIn(err: unknown): AnswerTooLargeError | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof AnswerTooLargeError) return e;
  }
  return undefined;
}
