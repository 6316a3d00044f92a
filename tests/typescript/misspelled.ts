// What a JavaScript caller (whom tsc does not check) gets wrong is refused before anything is sent: an
// options key the operation does not take, and a path argument that is undefined or null. Prints each
// outcome and the requests the transport saw.
import { Client, InvalidPathArgument } from "../index.js";
import { listNamespacedConfigMap, patchNamespacedConfigMap, readNamespacedConfigMap, watchNamespacedConfigMap } from "../core/v1/index.js";

const sent: string[] = [];
const client = new Client(
  { server: "http://127.0.0.1:1" },
  {
    transport: async (request) => {
      sent.push(request.url.pathname + request.url.search);
      return { status: 200, header: () => undefined, chunks: async function* () { yield new TextEncoder().encode('{"items": []}'); } };
    },
  },
);
// As JavaScript sees the functions: any arguments.
const loose = <F>(f: F) => f as unknown as (...args: unknown[]) => Promise<unknown>;
const looseWatch = (...args: unknown[]) => (watchNamespacedConfigMap as unknown as (...a: unknown[]) => AsyncIterable<unknown>)(...args);

async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return "sent";
  } catch (error) {
    const name = error instanceof InvalidPathArgument ? "InvalidPathArgument" : (error as Error).name;
    return `${name}: ${(error as Error).message}`;
  }
}

const report = {
  misspelled: await outcome(() => loose(listNamespacedConfigMap)(client, "default", { labelSelectr: "app=web" })),
  unknown: await outcome(() => loose(listNamespacedConfigMap)(client, "default", { everything: true })),
  watch: await outcome(async () => {
    for await (const _ of looseWatch(client, "default", { watchEverything: true })) {
      break;
    }
  }),
  patchTypeOfARead: await outcome(() => loose(readNamespacedConfigMap)(client, "a", "default", { patchType: "json" })),
  namespaceUndefined: await outcome(() => loose(listNamespacedConfigMap)(client, undefined)),
  namespaceNull: await outcome(() => loose(readNamespacedConfigMap)(client, "a", null)),
  list: await outcome(() => listNamespacedConfigMap(client, "default", { labelSelector: "app=web", limit: 5 })),
  patch: await outcome(() => patchNamespacedConfigMap(client, "a", "default", {}, { patchType: "merge" })),
  sent,
};
console.log(JSON.stringify(report));
