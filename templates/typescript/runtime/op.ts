// kgen:header
/** What generated api modules are built from: operation descriptors and patch types. */

/**
 * One operation: how to send it, and (as its type parameter) what its response decodes into.
 *
 * Path arguments are passed in `params` order and fill the `{name}` slots of
 * `path`. `options` lists the options keys the operation takes (and a patch
 * `patchType`): any other key is refused. Options keys are wire names, except
 * those `wire` maps; keys in `headers` are sent as headers, keys in `form` as
 * a form body, the rest as the query, arrays joined as `formats` says (csv
 * unless named there).
 */
export interface Op<T> {
  readonly method: string;
  readonly path: string;
  readonly params?: readonly string[];
  readonly options?: readonly string[];
  readonly response?: "text" | "binary" | "none";
  readonly wire?: Readonly<Record<string, string>>;
  readonly headers?: readonly string[];
  readonly form?: readonly string[];
  readonly formats?: Readonly<Record<string, string>>;
  readonly patch?: boolean;
  /** A Status body (a delete that completed at once) is an answer too. */
  readonly orStatus?: boolean;
  /** Never set: carries the response type. */
  readonly result?: T;
}

/** json (RFC 6902), merge (RFC 7386), strategic (Kubernetes' strategic merge), or apply (server-side apply). */
export type PatchType = "json" | "merge" | "strategic" | "apply";

/** A path argument: a string, or the integer, number or boolean a document's path parameter may be (sent as String(value)). */
export type PathArg = string | number | boolean;

/** A patch document: an object for merge, strategic and apply patches, an array of operations for a JSON patch. */
export type PatchBody = object;

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: "application/json-patch+json",
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  apply: "application/apply-patch+yaml",
};
