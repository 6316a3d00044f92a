// Watches ConfigMaps on a scripted server that drops the stream, sends a bookmark, then expires the version.
import { Client, Gone } from "../index.js";
import { watchNamespacedConfigMap } from "../core/v1/index.js";

const server = (globalThis as unknown as { process: { argv: string[] } }).process.argv[2]!;
const watch = watchNamespacedConfigMap(new Client({ server }), "default");
const events: string[] = [];
let ending = "";
try {
  for await (const event of watch.events()) {
    events.push(event.type === "BOOKMARK" ? `BOOKMARK ${event.resourceVersion}` : `${event.type} ${event.object.metadata?.name}`);
  }
} catch (error) {
  ending = error instanceof Gone ? `Gone ${error.code} ${error.reason}` : `other: ${String(error)}`;
}
console.log(JSON.stringify({ events, ending, resourceVersion: watch.resourceVersion }));
