// Decodes each JSON file named on the command line with the generated runtime and prints it re-encoded, one per line.
import { decode, encode } from "../index.js";

const argv = (globalThis as unknown as { process: { argv: string[] } }).process.argv;
const { readFile } = (await import("node:fs/promises" as string)) as { readFile(path: string, encoding: "utf8"): Promise<string> };
for (const path of argv.slice(2)) {
  console.log(encode(decode<unknown>(await readFile(path, "utf8"))));
}
