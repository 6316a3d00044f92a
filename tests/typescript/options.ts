// Sends listThing's options through the runtime's buildRequest and prints where each value went.
import { buildRequest } from "../_runtime/client.js";
import type { Client, Op } from "../_runtime/index.js";
import { listThing } from "../core/v1/api.js";

const recorder = {
  request: async (op: Op<unknown>, path: readonly string[], body: unknown, options: Record<string, unknown>) => {
    const built = buildRequest("http://127.0.0.1", op, path, body, options);
    const query: string[][] = [];
    built.url.searchParams.forEach((value, key) => query.push([key, value]));
    return JSON.stringify({ query, headers: built.headers });
  },
} as unknown as Client;
console.log(await listThing(recorder, { x: "to-query", xHeader: "to-header", constructor: "c", toString: "t", y: "y-query", yHeader: "y-header" }));
