// Lists and watches ConfigMaps on the server named on the command line; prints what it saw as one JSON document.
import { Client, NotFound, type WatchEvent } from "../index.js";
import {
  type ConfigMap,
  createNamespacedConfigMap,
  deleteNamespacedConfigMap,
  listNamespacedConfigMap,
  patchNamespacedConfigMap,
  readNamespacedConfigMap,
  watchNamespacedConfigMap,
} from "../core/v1/index.js";

const server = (globalThis as unknown as { process: { argv: string[] } }).process.argv[2]!;
const client = new Client({ server, token: "not-checked" });

for (const name of ["a", "b", "c"]) {
  const made: ConfigMap = await createNamespacedConfigMap(client, "default", { metadata: { name, namespace: "default" }, data: { n: name } });
  if (made.metadata?.name !== name) throw new Error(`created ${JSON.stringify(made)}`);
}
const list = await listNamespacedConfigMap(client, "default", { limit: 2 });
const rest = await listNamespacedConfigMap(client, "default", { limit: 2, continue: list.metadata?.continue });

const watch = watchNamespacedConfigMap(client, "default");
const seen: [string, string | undefined, Record<string, string> | undefined][] = [];
const done = (async () => {
  for await (const event of watch) {
    const typed: WatchEvent<ConfigMap> = event;
    seen.push([typed.type, typed.object.metadata?.name, typed.object.data]);
    if (typed.type === "DELETED") return;
  }
})();
await new Promise((resolve) => setTimeout(resolve, 300)); // the watch is connected
await createNamespacedConfigMap(client, "default", { metadata: { name: "w", namespace: "default" }, data: { v: "1" } });
await patchNamespacedConfigMap(client, "w", "default", { data: { v: "2" } }, { patchType: "merge" });
await deleteNamespacedConfigMap(client, "w", "default");
await done;
watch.close();

let missing = "";
try {
  await readNamespacedConfigMap(client, "nothing-here", "default");
} catch (error) {
  missing = error instanceof NotFound ? `NotFound ${error.code}` : String(error);
}
console.log(JSON.stringify({
  pages: [list.items.map((i) => i.metadata?.name), rest.items.map((i) => i.metadata?.name)],
  seen,
  missing,
  resourceVersion: watch.resourceVersion,
}));
