// The measuring side of benchmarks/runtime_typescript.py: kgen's TypeScript client and @kubernetes/client-node
// in one Node.js process, run with --expose-gc. Prints one line of JSON.
//
//     node --expose-gc bench.mjs decode --kgen DIST --modules NODE_MODULES --data PODLIST.json --repeats 7
//     node --expose-gc bench.mjs list   --kgen DIST --modules NODE_MODULES --url http://127.0.0.1:PORT --repeats 7
//     node --expose-gc bench.mjs memory --kgen DIST --modules NODE_MODULES --url http://127.0.0.1:PORT --client kgen
//
// DIST is kgen's compiled client (its package root's dist/), NODE_MODULES where benchmarks/typescript/package.json
// was installed. Each client is used the way a program uses it (see CLIENTS); "JSON.parse" is the floor: the
// text parsed into plain objects, nothing typed.
//
// decode  the PodList text into each client's objects, as its list call does once the body is read: one call
//         each untimed (first_ms), then --repeats rounds, the clients in a rotating order, a full GC before each
//         call (untimed); milliseconds per call.
// list    listNamespacedPod end to end (request, body, decode) against the server, rounds as for decode.
// memory  one client (--client) in this fresh process: a warm-up list of an empty namespace (code and
//         connection), a full GC, then one list of the full namespace whose items are kept; heap used and
//         RSS after a full GC, minus the same before; peak RSS of the process.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { positionals, values: args } = parseArgs({
  allowPositionals: true,
  options: {
    kgen: { type: "string" },
    modules: { type: "string" },
    data: { type: "string" },
    url: { type: "string" },
    repeats: { type: "string", default: "7" },
    client: { type: "string" },
  },
});
const gc = globalThis.gc;
if (typeof gc !== "function") {
  throw new Error("run with node --expose-gc");
}

const load = (root, file) => import(pathToFileURL(join(root, file)).href);

/** name -> async (url) => { decode(text), list(namespace) }: how a program uses each client. */
const CLIENTS = {
  "JSON.parse": async (url) => ({
    decode: (text) => JSON.parse(text),
    list: async (namespace) => {
      const response = await fetch(`${url}/api/v1/namespaces/${namespace}/pods`, { headers: { Accept: "application/json" } });
      return JSON.parse(await response.text());
    },
  }),
  kgen: async (url) => {
    // The package root exports the runtime (Client, decode); listNamespacedPod is in kube/core/v1.
    const runtime = await load(args.kgen, "index.js");
    const core = await load(args.kgen, "core/v1/index.js");
    const client = new runtime.Client({ server: url ?? "http://127.0.0.1:9" });
    return {
      // What Client.request does with a body: decode<PodList>(text).
      decode: (text) => runtime.decode(text),
      list: (namespace) => core.listNamespacedPod(client, namespace),
    };
  },
  "client-node": async (url) => {
    const k8s = await load(args.modules, "@kubernetes/client-node/dist/index.js");
    // The serializer CoreV1Api's listNamespacedPodWithHttpInfo deserializes responses with (the same module instance).
    const { ObjectSerializer } = await load(args.modules, "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js");
    const config = new k8s.KubeConfig();
    // client-node refuses an http: server unless skipTLSVerify is set (there is no TLS to verify on it).
    config.loadFromClusterAndUser({ name: "bench", server: url ?? "http://127.0.0.1:9", skipTLSVerify: true }, { name: "bench" });
    const api = config.makeApiClient(k8s.CoreV1Api);
    const json = ObjectSerializer.normalizeMediaType("application/json");
    return {
      decode: (text) => ObjectSerializer.deserialize(ObjectSerializer.parse(text, json), "V1PodList", ""),
      list: (namespace) => api.listNamespacedPod({ namespace }),
    };
  },
};
const NAMES = Object.keys(CLIENTS);

/** What a decoded list holds, to check that every client read the same thing. */
function shape(list) {
  const items = list.items;
  let containers = 0;
  let conditions = 0;
  for (const pod of items) {
    containers += pod.spec.containers.length;
    conditions += pod.status?.conditions?.length ?? 0;
  }
  return `${items.length} items, ${containers} containers, ${conditions} conditions, last ${items.at(-1)?.metadata?.name}`;
}

async function timed(call) {
  gc();
  const start = performance.now();
  const result = await call();
  return [performance.now() - start, result];
}

/** A first call of each, then `repeats` rounds in a rotating order: { first_ms, times_ms, shapes }. */
async function rounds(calls, repeats) {
  const first = {};
  const shapes = {};
  const times = {};
  for (const name of NAMES) {
    const [ms, result] = await timed(calls[name]);
    first[name] = ms;
    shapes[name] = shape(result);
    times[name] = [];
  }
  for (let round = 0; round < repeats; round++) {
    const shift = round % NAMES.length;
    for (const name of [...NAMES.slice(shift), ...NAMES.slice(0, shift)]) {
      const [ms] = await timed(calls[name]);
      times[name].push(ms);
    }
  }
  return { first_ms: first, times_ms: times, shapes };
}

async function main() {
  const mode = positionals[0];
  const repeats = Number(args.repeats);
  if (mode === "decode") {
    const text = readFileSync(args.data, "utf8");
    const calls = {};
    for (const name of NAMES) {
      const client = await CLIENTS[name](undefined);
      calls[name] = () => client.decode(text);
    }
    return rounds(calls, repeats);
  }
  if (mode === "list") {
    const calls = {};
    for (const name of NAMES) {
      const client = await CLIENTS[name](args.url);
      await client.list("warm-up");
      calls[name] = () => client.list("default");
    }
    return rounds(calls, repeats);
  }
  if (mode === "memory") {
    const client = await CLIENTS[args.client](args.url);
    await client.list("warm-up");
    gc();
    gc();
    const before = process.memoryUsage();
    const list = await client.list("default");
    gc();
    gc();
    const after = process.memoryUsage();
    return {
      heap_bytes: after.heapUsed - before.heapUsed,
      rss_bytes: after.rss - before.rss,
      peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
      shape: shape(list), // after the measurement: the list is held through it
    };
  }
  throw new Error(`unknown mode ${mode}: decode, list or memory`);
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
