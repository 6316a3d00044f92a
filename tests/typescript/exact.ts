// Decodes each file named on the command line as the model its position says (ResourceRequirements, WidgetSpec)
// and prints it encoded again, one line each; then prints the probes of what an edit does to a kept token.
import { decode, encode } from "../index.js";
import type { ResourceRequirements } from "../core/v1/index.js";
import type { WidgetSpec } from "../example_com/v1/index.js";

const { argv } = (globalThis as unknown as { process: { argv: string[] } }).process;
const { readFile } = (await import("node:fs/promises" as string)) as { readFile(path: string, encoding: "utf8"): Promise<string> };
const [requirements, widget] = await Promise.all(argv.slice(2).map((path) => readFile(path, "utf8")));
console.log(encode(decode<ResourceRequirements>(requirements!)));
console.log(encode(decode<WidgetSpec>(widget!)));

// A changed value is written as JS writes it; an unchanged one keeps its token; a new object has none.
const edited = decode<ResourceRequirements>('{"limits":{"cpu":1.50,"memory":2.0},"requests":{"cpu":-0}}');
edited.limits!["cpu"] = 3;
console.log(encode(edited));
console.log(encode({ limits: { cpu: 1.5 } }));
// Data that holds encode's own mark still comes out right (without the kept tokens).
console.log(encode(decode<WidgetSpec>('{"config":{"s":"\\u0000kgen-number-0","n":1.50}}')));
// Null members are left out; numbers typed as numbers stay numbers.
const typed = decode<WidgetSpec>('{"size":1e1,"config":{"gone":null,"kept":[null]}}');
console.log(typeof typed.size, typed.size, encode(typed));
// Number-like text inside strings and keys is not a token; a duplicate key keeps the value JSON.parse kept.
console.log(encode(decode<WidgetSpec>('{"config":{"s":"a:1.50,","k:2.0,":[2.0,"x]1e3]"],"d":1.0,"d":3.0},"size":1}')));
// A document nested deeper than the walk and a replacer can go keeps its values (its tokens are lost, nothing else).
const deep = "[".repeat(4000) + "1.50" + "]".repeat(4000);
console.log(encode(decode<WidgetSpec>(`{"config":{"deep":${deep}},"size":1}`)).length);
