"""The TypeScript target: which files exist, and the data each template receives (docs/templates.md).

The package is ESM source with no dependencies: src/<group>/<version>/ holds
models.ts (interfaces and type aliases), api.ts (a request function per
operation, a watch function per watchable list) and index.ts; src/_queries.ts
holds the optional-parameter interfaces operations share; src/_runtime/ the
client, watch, errors and configuration.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

import jinja2

from kgen.ir.model import ROOT, Api, Field, Model, Unit
from kgen.plan import scopes
from kgen.plan.units import Spelling, unit_plans
from kgen.targets import examples, runtimes, shards, views
from kgen.targets.base import GeneratedFile, OptionError, Options, check_relative
from kgen.targets.common import unit_title
from kgen.targets.protocol import as_written as format_files
from kgen.targets.python.encode import markdown_text
from kgen.targets.templating import environment, templates_root
from kgen.targets.typescript import encode, naming, operations, readme
from kgen.targets.typescript.types import ModelName, TypeNamer
from kgen.targets.typescript.views import (
    FieldView,
    Index,
    ModelsModule,
    ModelView,
    PackageJson,
    Readme,
    TsConfig,
    TypeScriptFile,
    UnitIndex,
    UnitRow,
)

__all__ = ["DESCRIPTION", "NAME", "TEMPLATES", "WITHOUT_TUPLES", "encode", "format_files", "model_locations", "naming", "render"]

NAME = "typescript"
DESCRIPTION = "TypeScript ESM package: strict interfaces, a function per operation, fetch, no dependencies"
TEMPLATES = templates_root() / NAME
WITHOUT_TUPLES: str | None = None  # a tuple type spells them
RUNTIME_FILES = ("index.ts", "client.ts", "config.ts", "errors.ts", "json.ts", "node.ts", "op.ts", "transport.ts", "watch.ts")
# npm's rules for a package name: lower case, URL-safe, an optional @scope/.
_PACKAGE = re.compile(r"(@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9][a-z0-9._~-]*")
_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?")


@dataclass
class Layout:
    """Where each unit's modules live under src/, and how other modules name them."""

    dirs: dict[Unit, tuple[str, ...]]
    aliases: dict[Unit, str]

    def path(self, unit: Unit, leaf: str) -> str:
        return "/".join(("src", *self.dirs[unit], leaf))

    def specifier(self, source: str, unit: Unit, leaf: str) -> str:
        """The relative import specifier, as ESM wants it (with .js), from file `source` to a unit's module."""
        return relative(source, self.path(unit, leaf).removesuffix(".ts") + ".js")


def _type_meta_literal(model: Model, f: Field) -> bool:
    return model.resource_gvk is not None and f.wire_name in ("apiVersion", "kind")


# A resource's apiVersion and kind are written as their literal values, not as their declared types.
SPELLING = Spelling(writes_field=lambda model, f: not _type_meta_literal(model, f))


def relative(source: str, target: str) -> str:
    spec = posixpath.relpath(target, posixpath.dirname(source))
    return spec if spec.startswith(".") else "./" + spec


def render(api: Api, options: Options, env: jinja2.Environment | None = None) -> list[GeneratedFile]:
    env = env or environment(NAME)
    layout = _layout(api)
    names = model_names(api)
    header = naming_header(options)
    files: list[GeneratedFile] = []

    def emit(path: str, view: TypeScriptFile) -> None:
        files.append(GeneratedFile(check_relative(path), views.render(env, view)))

    plans = unit_plans(api, SPELLING)
    types = operations.type_names(names)
    queries = operations.queries(api, names, layout, header, frozenset(u for plan in plans.values() for u in plan.option_refs))
    if queries.module.interfaces and shards.leads():
        emit(operations.QUERIES_PATH, queries.module)
    for unit, plan in shards.share_units(api, plans.items()):
        title = unit_title(unit)
        if plan.models:
            path = layout.path(unit, "models.ts")
            namer = TypeNamer(names, unit, layout.aliases)
            models = [_model_view(m, names, namer) for m in plan.models]
            imports = operations.model_imports(path, plan.model_refs, layout)
            emit(path, ModelsModule(header, doc=encode.doc_comment(f"Models of {title}."), models=models, imports=imports))
        if plan.operations:
            path = layout.path(unit, "api.ts")
            emit(path, operations.module(api, plan, names, types.get(unit, set()), layout, queries, path, header))
        if unit.path:  # the root unit's modules are exported by the package's index
            doc = encode.doc_comment(f"{title[:1].upper()}{title[1:]}: models and operations.")
            emit(layout.path(unit, "index.ts"), UnitIndex(header, doc=doc, models=bool(plan.models), operations=bool(plan.operations)))
    if shards.leads():  # the files no unit owns
        for name in RUNTIME_FILES:
            files.append(GeneratedFile(check_relative(f"src/_runtime/{name}"), runtimes.copy(env, NAME, name, header, None)))
        root = plans.get(ROOT)
        has_models, has_operations = bool(root and root.models), bool(root and root.operations)
        parts = ["the runtime", *(["the models"] if has_models else []), *(["the operations"] if has_operations else [])]
        doc = encode.doc_comment(f"Client for {api.title or 'the API'}: {' and '.join(parts)}.")
        emit("src/index.ts", Index(header, doc=doc, models=has_models, operations=has_operations))
        emit("package.json", _package(api, options, header))
        emit("tsconfig.json", TsConfig(header))
        emit("README.md", _readme(api, layout, options, header))
    return sorted(files, key=lambda f: f.path)


def model_locations(api: Api, package_name: str) -> dict[str, tuple[str, str]]:
    """Where render puts each model: key -> (its models.ts, type name). For tools that read the output back."""
    layout = _layout(api)
    return {key: (layout.path(n.unit, "models.ts"), n.name) for key, n in model_names(api).items()}


def naming_header(options: Options) -> str:
    return encode.line_comment(f"Generated by kgen {options.kgen_version} from spec sha256:{options.spec_sha256}. Do not edit.")


def _layout(api: Api) -> Layout:
    dirs = naming.unit_dirs(api.units)
    return Layout(dirs, {unit: naming.module_alias(d) for unit, d in dirs.items()})


def model_names(api: Api) -> dict[str, ModelName]:
    """Each model's type name, unique within its unit's models module."""
    types = scopes.model_names(api.models.values(), lambda m: m.unit, lambda m: naming.type_name(m.name), lambda unit: set(naming.taken_in(unit)))
    return {m.key: ModelName(m.unit, types[m.key]) for m in api.models.values()}


def _model_view(model: Model, names: dict[str, ModelName], namer: TypeNamer) -> ModelView:
    name = names[model.key].name
    doc = encode.doc_comment(model.description) if model.description else None
    if model.alias is not None:
        return ModelView(name, doc, None, namer.spell(model.alias))
    gvk = model.resource_gvk
    fields = []
    for f in model.fields:
        if gvk is not None and _type_meta_literal(model, f):
            text, optional = encode.string_literal(gvk.api_version if f.wire_name == "apiVersion" else gvk.kind), True
        else:
            text, optional = namer.spell(f.type), not f.required
            text += " | null" if f.nullable and "unknown" not in text else ""
        described = "\n".join(x for x in ((f.description or "").strip(), *f.notes) if x)
        fields.append(FieldView(naming.property_key(f.wire_name), text, optional, encode.doc_comment(described, "  ") if described else None))
    return ModelView(name, doc, fields, None)


def _package(api: Api, options: Options, header: str) -> PackageJson:
    name = options.project_name or options.package_name.replace("_", "-")
    if not _PACKAGE.fullmatch(name) or len(name) > 214:
        raise OptionError(f"package name {name!r} is not a valid npm package name (lower case, URL-safe, optional @scope/)")
    if not _VERSION.fullmatch(options.project_version):
        raise OptionError(f"project version {options.project_version!r} is not a semantic version (1.2.3)")
    return PackageJson(
        header,
        name=encode.string_literal(name),
        version=encode.string_literal(options.project_version),
        description=encode.string_literal(f"Typed client for {api.title or 'an API'} (generated by kgen)"),
    )


def _readme(api: Api, layout: Layout, options: Options, header: str) -> Readme:
    operations_by_unit = api.operations_by_unit()
    name = options.project_name or options.package_name.replace("_", "-")
    features = examples.readme_features(api)
    return Readme(
        header=header,
        kubernetes=features.kubernetes, watches=features.watches, patches=features.patches,
        title=markdown_text(api.title or "API"),
        package=name,
        base_path=markdown_text(api.base_path),
        units=[UnitRow("/".join(layout.dirs[u]), markdown_text(unit_title(u)), len(operations_by_unit.get(u, []))) for u in api.units if layout.dirs[u]],
        examples=readme.unit_examples(api, layout.dirs, model_names(api), name),
    )
