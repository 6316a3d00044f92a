// Checks and reads back generated TypeScript packages, one JSON request per stdin line, one answer per stdout line.
//
//   node typescript_probe.mjs TYPESCRIPT_PACKAGE_DIR
//   {"compile": SRC_DIR, "out": DIR}       -> {"diagnostics": [...]}  (tsc --strict with the package's tsconfig; emits into DIR)
//   {"probe": SRC_DIR, "compiled": DIR}    -> {"modules": ..., "package": ...}
//
// It stays up between requests so that the compiler and its lib files load once (the fuzz suite checks
// hundreds of packages). Declarations come from the compiler's parser (interfaces, members, literal
// types, JSDoc as written); behaviour from importing every compiled module (nothing may run on import)
// and calling every exported function with a recording client, which sees the Op each one really sends.
import { createRequire } from "node:module";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const ts = createRequire(join(process.argv[2], "package.json"))("typescript");

function files(dir, suffix) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? files(path, suffix) : entry.name.endsWith(suffix) ? [path] : [];
  });
}

function jsdoc(node, source) {
  const ranges = ts.getLeadingCommentRanges(source.text, node.pos) ?? [];
  const last = ranges[ranges.length - 1];
  if (last === undefined || !source.text.startsWith("/**", last.pos)) return null;
  // Only a comment on the line right before the declaration documents it (not a module's doc above a blank line).
  const between = source.text.slice(last.end, node.getStart(source));
  return between.split("\n").length <= 2 ? source.text.slice(last.pos, last.end) : null;
}

function literals(typeNode) {
  const found = [];
  const visit = (node) => {
    if (ts.isLiteralTypeNode(node)) {
      const lit = node.literal;
      if (ts.isStringLiteral(lit)) found.push(lit.text);
      else if (ts.isNumericLiteral(lit)) found.push(Number(lit.text));
      else if (ts.isPrefixUnaryExpression(lit) && ts.isNumericLiteral(lit.operand)) found.push(-Number(lit.operand.text));
    }
    ts.forEachChild(node, visit);
  };
  visit(typeNode);
  return found;
}

function memberName(name) {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : null;
}

function declarations(path) {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
  const module = { interfaces: {}, aliases: {}, functions: {} };
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      module.interfaces[statement.name.text] = {
        doc: jsdoc(statement, source),
        members: statement.members.map((m) => ({
          key: memberName(m.name),
          optional: Boolean(m.questionToken),
          type: m.type ? m.type.getText(source) : null,
          literals: m.type ? literals(m.type) : [],
          doc: jsdoc(m, source),
        })),
      };
    } else if (ts.isTypeAliasDeclaration(statement)) {
      module.aliases[statement.name.text] = { doc: jsdoc(statement, source), type: statement.type.getText(source), literals: literals(statement.type) };
    } else if (ts.isFunctionDeclaration(statement) && statement.name) {
      module.functions[statement.name.text] = { doc: jsdoc(statement, source), parameters: statement.parameters.map((p) => p.name.getText(source)) };
    }
  }
  return module;
}

const recorder = {
  calls: [],
  request(op, path, body, options) {
    this.calls.push({ kind: "request", op, path, body: body !== undefined, options: options !== undefined });
  },
  watch(op, path, options) {
    this.calls.push({ kind: "watch", op, path, options: options !== undefined });
  },
};

async function probe(sourceRoot, compiledRoot) {
  const modules = {};
  for (const path of files(sourceRoot, ".ts")) {
    const name = relative(sourceRoot, path).replace(/\.ts$/, "");
    modules[name] = declarations(path);
    if (name.startsWith("_runtime/")) continue;
    const loaded = await import(pathToFileURL(join(compiledRoot, name + ".js")).href);
    if (!name.endsWith("/api") && name !== "api") continue;
    for (const [fn, value] of Object.entries(loaded)) {
      if (typeof value !== "function") continue;
      const declared = modules[name].functions[fn];
      const args = declared.parameters.slice(1).map((p) => (p === "options" || p === "body" ? {} : `<${p}>`));
      recorder.calls = [];
      value(recorder, ...args);
      declared.calls = recorder.calls;
    }
  }
  return { modules, package: JSON.parse(readFileSync(join(sourceRoot, "..", "package.json"), "utf8")) };
}

// Lib files parse once; a package's own files are parsed per request.
const libCache = new Map();
let previous;

function compile(sourceRoot, out) {
  const configPath = join(sourceRoot, "..", "tsconfig.json");
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, dirname(configPath));
  const options = { ...parsed.options, strict: true, outDir: out, declaration: false, sourceMap: false };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const isLib = fileName.includes("/typescript/lib/");
    if (isLib && libCache.has(fileName)) return libCache.get(fileName);
    const file = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    if (isLib && file) libCache.set(fileName, file);
    return file;
  };
  const program = ts.createProgram(parsed.fileNames, options, host, previous);
  previous = program;
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length === 0) program.emit();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "package.json"), readFileSync(join(sourceRoot, "..", "package.json")));
  return diagnostics.map((d) => ts.formatDiagnostic(d, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => sourceRoot, getNewLine: () => "\n" }).trim());
}

for await (const line of createInterface({ input: process.stdin })) {
  const request = JSON.parse(line);
  let answer;
  try {
    answer = request.compile !== undefined ? { diagnostics: compile(request.compile, request.out) } : { facts: await probe(request.probe, request.compiled) };
  } catch (error) {
    answer = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
