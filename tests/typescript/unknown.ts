// Reads ConfigMap "newer" (it carries members the demo spec does not know), changes its data, puts an
// owner reference first and replaces it; then does the same to the item of a list. Server: argv[2].
import { Client } from "../index.js";
import { listNamespacedConfigMap, readNamespacedConfigMap, replaceNamespacedConfigMap } from "../core/v1/index.js";

const server = (globalThis as unknown as { process: { argv: string[] } }).process.argv[2]!;
const client = new Client({ server });
const read = await readNamespacedConfigMap(client, "newer", "default");
read.data = { mode: "b" };
read.metadata!.ownerReferences = [{ apiVersion: "v1", kind: "Secret", name: "c", uid: "3" }, ...(read.metadata!.ownerReferences ?? [])];
await replaceNamespacedConfigMap(client, "newer", "default", read);
const item = (await listNamespacedConfigMap(client, "default")).items[0]!;
item.data = { mode: "c" };
await replaceNamespacedConfigMap(client, "newer", "default", item);
console.log("replaced");
