// Against a hostile scripted server (argv[2]) and a closed port (argv[3]): how each attack ended, as one JSON document.
import { ApiError, Client, DecodeError, InvalidPathArgument, NetworkError, ResponseTooLarge } from "../index.js";
import { createNamespacedConfigMap, deleteNamespacedPod, readNamespacedConfigMap, watchNamespacedConfigMap } from "../core/v1/index.js";

const [server, closed] = (globalThis as unknown as { process: { argv: string[] } }).process.argv.slice(2) as [string, string];
const MIB = 1024 * 1024;
const client = new Client({ server }, { deadline: 1, maxResponseBytes: 2 * MIB, maxDecompressedBytes: 2 * MIB, maxWatchLineBytes: MIB, retries: 2, maxRetryDelay: 0.01 });
const memory = (): number => (globalThis as unknown as { process: { memoryUsage(): { rss: number } } }).process.memoryUsage().rss;

function classify(error: unknown): Record<string, unknown> {
  if (error instanceof ResponseTooLarge) {
    return { type: error.name, what: error.what, limit: error.limit };
  }
  if (error instanceof NetworkError) {
    return { type: error.name, method: error.method, cause: error.cause !== undefined || error.name === "DeadlineExceeded" };
  }
  if (error instanceof DecodeError) {
    return { type: error.name, code: error.code, body: new TextDecoder().decode(error.body), cause: error.cause !== undefined };
  }
  if (error instanceof ApiError) {
    return { type: error.name, code: error.code };
  }
  return { type: "other", error: String(error) };
}

async function outcome(call: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call();
    return { type: "none" };
  } catch (error) {
    return classify(error);
  }
}

const report: Record<string, unknown> = {};
report["paths"] = await Promise.all(
  ["", ".", "..", "a/b", "x%2Fy", "x%2fy", undefined, null].map((name) =>
    deleteNamespacedPod(client, name as string, "default").then(
      () => "sent",
      (error: unknown) => (error instanceof InvalidPathArgument && error.parameter === "name" ? error.message : String(error)),
    ),
  ),
);
const before = memory();
for (const name of ["huge", "endless", "bomb", "trickle", "decode"]) {
  report[name] = await outcome(() => readNamespacedConfigMap(client, name, "default"));
}
report["rssGrowthMiB"] = (memory() - before) / MIB;
report["line"] = await outcome(async () => {
  for await (const event of watchNamespacedConfigMap(client, "line")) {
    return event;
  }
});
const idle = new Client({ server }, { watchIdle: 1, retries: 0 });
report["trickleWatch"] = await outcome(async () => {
  const watch = watchNamespacedConfigMap(idle, "trickle");
  for await (const event of watch) {
    return event;
  }
});
report["post503"] = await outcome(() => createNamespacedConfigMap(client, "post503", { metadata: { name: "a" } }));
report["prototype"] = await outcome(async () => {
  for await (const event of watchNamespacedConfigMap(client, "prototype")) {
    return event;
  }
});
report["refused"] = await outcome(() => readNamespacedConfigMap(new Client({ server: closed }), "a", "default"));
console.log(JSON.stringify(report));
