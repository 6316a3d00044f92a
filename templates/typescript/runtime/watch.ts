// kgen:header
/**
 * Watches: typed events from `watch=true` streams that resume where they broke off.
 *
 * A watch asks for bookmarks and remembers the resourceVersion of the last
 * event, so a dropped connection (or the server's own timeout) resumes from
 * there with nothing lost or repeated. When that version has expired, the
 * server answers 410 and the watch throws Gone: list again, then watch from
 * the list's resourceVersion.
 */

import { DeadlineExceeded, DecodeError, errorFromStatus, NetworkError, ResponseTooLarge, type Status } from "./errors.js";
import { decode } from "./json.js";
import type { Op, PathArg } from "./op.js";
import { redacted, type SentResponse, sleep } from "./transport.js";

/** An object was ADDED, MODIFIED or DELETED (its last state, for DELETED). */
export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: T;
}

/** A BOOKMARK event: the watch has seen everything up to `resourceVersion`. */
export interface Bookmark {
  type: "BOOKMARK";
  resourceVersion: string;
  annotations: Record<string, string>;
}

/** What a watch needs of the client. */
export interface Streamer {
  open(op: Op<unknown>, path: readonly PathArg[], body?: unknown, options?: object, signal?: AbortSignal): Promise<SentResponse>;
  readonly limits: { maxWatchLineBytes: number; watchIdle: number };
}

interface Envelope {
  type?: string;
  object?: { metadata?: { resourceVersion?: string; annotations?: Record<string, string> } };
}

// Keys a watch sets itself; the caller's other options are kept.
const WATCH_KEYS = new Set(["watch", "allowWatchBookmarks", "resourceVersion", "continue", "limit"]);
const MAX_FAILURES = 5;

export class Watch<T> implements AsyncIterable<WatchEvent<T>> {
  /** Where the watch stands: a checkpoint that a later watch can start from. */
  resourceVersion: string | undefined;
  private readonly options: Record<string, unknown>;
  private readonly ends: boolean;
  private readonly abort = new AbortController();

  constructor(
    private readonly client: Streamer,
    private readonly op: Op<unknown>,
    private readonly path: readonly PathArg[],
    options?: object,
  ) {
    const given = (options ?? {}) as Record<string, unknown>;
    this.resourceVersion = typeof given["resourceVersion"] === "string" ? given["resourceVersion"] : undefined;
    // A caller-set timeout ends the watch when the server closes it; else it goes on.
    this.ends = given["timeoutSeconds"] !== undefined;
    this.options = Object.fromEntries(Object.entries(given).filter(([key]) => !WATCH_KEYS.has(key)));
  }

  /** ADDED, MODIFIED and DELETED events, across reconnections. */
  async *[Symbol.asyncIterator](): AsyncGenerator<WatchEvent<T>> {
    for await (const event of this.events()) {
      if (event.type !== "BOOKMARK") {
        yield event;
      }
    }
  }

  /** Every event including bookmarks, across reconnections; leaving the loop (`break`) closes the connection. */
  async *events(): AsyncGenerator<WatchEvent<T> | Bookmark> {
    try {
      yield* this.connections();
    } finally {
      this.abort.abort();
    }
  }

  private async *connections(): AsyncGenerator<WatchEvent<T> | Bookmark> {
    let failures = 0;
    const { maxWatchLineBytes, watchIdle } = this.client.limits;
    while (!this.abort.signal.aborted) {
      let received = false;
      // Each event must be whole within watchIdle of the one before: a silent or trickling server is left.
      const connection = new AbortController();
      const idle = (): ReturnType<typeof setTimeout> =>
        setTimeout(() => connection.abort(new DeadlineExceeded(`no whole watch event within ${watchIdle} s`, "GET", this.op.path)), watchIdle * 1000);
      let timer = idle();
      try {
        const response = await this.client.open(this.op, this.path, undefined, this.watchOptions(), AbortSignal.any([this.abort.signal, connection.signal]));
        for await (const line of lines(response, maxWatchLineBytes)) {
          clearTimeout(timer);
          timer = idle();
          const event = this.event(line);
          received = true;
          failures = 0;
          yield event;
        }
      } catch (error) {
        if (this.abort.signal.aborted) {
          return;
        }
        if (!(error instanceof NetworkError) || ++failures > MAX_FAILURES) {
          throw error;
        }
        await sleep(backoff(failures), this.abort.signal);
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (this.ends) {
        return;
      }
      if (!received) {
        await sleep(backoff(++failures), this.abort.signal);
      }
    }
  }

  /** Stop the watch: the open connection is closed and iteration ends. */
  close(): void {
    this.abort.abort();
  }

  private watchOptions(): Record<string, unknown> {
    const options: Record<string, unknown> = { ...this.options, watch: true, allowWatchBookmarks: true };
    if (this.resourceVersion) {
      options["resourceVersion"] = this.resourceVersion;
    }
    return options;
  }

  private event(line: Uint8Array): WatchEvent<T> | Bookmark {
    let envelope: Envelope;
    try {
      envelope = decode<Envelope>(new TextDecoder().decode(line));
    } catch (error) {
      throw new DecodeError(`a watch event that is not JSON: ${String(error)}`, 200, line, { cause: error });
    }
    const metadata = envelope.object?.metadata;
    switch (envelope.type) {
      case "ADDED":
      case "MODIFIED":
      case "DELETED":
        this.resourceVersion = metadata?.resourceVersion || this.resourceVersion;
        return { type: envelope.type, object: envelope.object as T };
      case "BOOKMARK":
        this.resourceVersion = metadata?.resourceVersion || this.resourceVersion;
        return { type: "BOOKMARK", resourceVersion: metadata?.resourceVersion ?? "", annotations: metadata?.annotations ?? {} };
      case "ERROR":
        throw errorFromStatus(envelope.object as Status);
      default:
        throw new DecodeError(`unknown watch event type ${JSON.stringify(envelope.type)}`, 200, line);
    }
  }
}

/**
 * The lines of a streamed body, each at most `max` bytes. A line's pieces are kept until its newline
 * and joined once: never copied again per chunk.
 */
async function* lines(response: SentResponse, max: number): AsyncGenerator<Uint8Array> {
  let pieces: Uint8Array[] = [];
  let size = 0;
  const keep = (piece: Uint8Array): void => {
    size += piece.byteLength;
    if (size > max) {
      throw new ResponseTooLarge("a watch event", max, response.request.method, redacted(response.request.url));
    }
    pieces.push(piece);
  };
  const take = (): Uint8Array => {
    const line = new Uint8Array(size);
    let at = 0;
    for (const piece of pieces) {
      line.set(piece, at);
      at += piece.byteLength;
    }
    pieces = [];
    size = 0;
    return line;
  };
  for await (const chunk of response.chunks()) {
    let start = 0;
    for (let end = chunk.indexOf(10); end >= 0; end = chunk.indexOf(10, start)) {
      keep(chunk.subarray(start, end));
      const line = take();
      if (!blank(line)) {
        yield line;
      }
      start = end + 1;
    }
    keep(chunk.subarray(start));
  }
  const rest = take();
  if (!blank(rest)) {
    yield rest;
  }
}

function blank(line: Uint8Array): boolean {
  return line.every((byte) => byte === 32 || byte === 9 || byte === 13);
}

function backoff(failures: number): number {
  return Math.min(250 * 2 ** failures, 10_000);
}
