"""IR types -> Java types and their codecs, spelled as seen from one file, recording its imports.

  * strings, integers (Integer where the format says int32, else Long),
    numbers (Double) and booleans are boxed, so absent is null; date-times
    stay strings (their exact spelling survives); binary is byte[];
  * int-or-string and quantity are the runtime's IntOrString and Quantity,
    which keep the token they came as; any JSON value, a free-form object,
    raw JSON (FieldsV1) and unions Java cannot spell are RawJson;
  * arrays are List, maps Map<String, V> (insertion-ordered when decoded),
    tuples a List of their one item type, else of RawJson;
  * a model that is an alias of another type is that type (its class holds
    only the codec); a string enum is an open-enum class.

A simple name is imported unless a class of the file's own package has it, or
another import took it: then it is written in full (java.lang.String).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kgen.ir.model import ArrayOf, EnumOf, MapOf, Primitive, Special, TupleOf, TypeRef, UnionOf
from kgen.targets.common import EnumKey as EnumKey
from kgen.targets.common import enum_key as enum_key
from kgen.targets.common import resolve_alias as resolve_alias
from kgen.targets.common import tuple_item

JDK = {
    name.rsplit(".", 1)[1]: name
    for name in (
        "java.lang.Boolean java.lang.Double java.lang.Integer java.lang.Long java.lang.Object java.lang.Override "
        "java.lang.String java.lang.Void java.io.IOException java.nio.charset.StandardCharsets java.util.List java.util.Map "
        "java.util.Objects java.util.concurrent.CompletableFuture java.util.stream.Collectors com.fasterxml.jackson.core.JsonGenerator "
        "com.fasterxml.jackson.core.JsonParser"
    ).split()
}
RUNTIME_TYPES = frozenset(
    "ApiClient Call IntOrString Json JsonCodec JsonNumber ObjectOrStatus OpenEnum PatchType Quantity RawJson Watch".split()
)
SPECIALS = {"int_or_string": "IntOrString", "quantity": "Quantity", "any": "RawJson", "object": "RawJson", "raw": "RawJson"}


@dataclass
class ClassName:
    package: str  # the Java package
    name: str
    alias: TypeRef | None = None  # the type an alias model stands for (None: the class is the type)
    enums: dict[EnumKey, str] = field(default_factory=dict, compare=False)  # its package's open enums, which `alias` names

    @property
    def qualified(self) -> str:
        return f"{self.package}.{self.name}"


def primitive(t: Primitive) -> tuple[str, str]:
    """The boxed type and the codec of a primitive."""
    if t.kind == "string":
        return ("byte[]", "Json.BYTES") if t.format == "binary" else ("String", "Json.STRING")
    if t.kind == "integer":
        return ("Integer", "Json.INTEGER") if t.format == "int32" else ("Long", "Json.LONG")
    return ("Double", "Json.DOUBLE") if t.kind == "number" else ("Boolean", "Json.BOOLEAN")


@dataclass
class TypeNamer:
    """Spells types from one file of `package`, whose classes are `local`; collects the imports it needs."""

    classes: dict[str, ClassName]  # model key -> its class
    package: str
    local: set[str]  # the simple names of the package's classes
    runtime: str  # the runtime's package
    enums: dict[EnumKey, str] = field(default_factory=dict)  # this package's open-enum classes
    imports: dict[str, str] = field(default_factory=dict)  # simple name -> qualified name
    _refs: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)  # what `ref` answered: a file asks for the same classes again and again

    def ref(self, name: str) -> str:
        """A class by its simple name (JDK, jackson-core or runtime) or its qualified one, as this file writes it."""
        spelled = self._refs.get(name)
        if spelled is None:
            spelled = self._refs[name] = self._ref(name)
        return spelled

    def _ref(self, name: str) -> str:
        qualified = JDK.get(name) or (f"{self.runtime}.{name}" if name in RUNTIME_TYPES else name)
        package, simple = qualified.rsplit(".", 1)
        if package == self.package:
            return simple
        if simple in self.local or self.imports.get(simple, qualified) != qualified:
            return qualified
        if package != "java.lang":
            self.imports[simple] = qualified
        return simple

    def import_block(self) -> str:
        return "\n".join(f"import {name};" for name in sorted(self.imports.values()))

    def spell(self, t: TypeRef, alias: ClassName | None = None) -> str:
        """`t` as this file writes it; inside the `alias` it stands for, with the enum classes of the alias's package."""
        if isinstance(t, Primitive):
            return self._builtin(primitive(t)[0])
        if isinstance(t, EnumOf):
            return self._enum_class(t, alias) or self._builtin(primitive(t.base)[0])
        if isinstance(t, Special):
            return self._builtin("byte[]") if t.kind == "binary" else self.ref(SPECIALS[t.kind])
        if isinstance(t, ArrayOf):
            return f"{self.ref('List')}<{self.spell(t.item, alias)}>"
        if isinstance(t, MapOf):
            return f"{self.ref('Map')}<{self.ref('String')}, {self.spell(t.value, alias)}>"
        if isinstance(t, TupleOf):
            return f"{self.ref('List')}<{self.spell(tuple_item(t), alias)}>"
        if isinstance(t, UnionOf):
            return self.ref("RawJson")
        target = self.classes[t.key]
        return self.spell(target.alias, target) if target.alias is not None else self.ref(target.qualified)

    def _enum_class(self, t: EnumOf, alias: ClassName | None = None) -> str | None:
        """The open-enum class of `t` (of this file's package, or of `alias`'s), as this file writes it; None: there is none."""
        package, enums = (alias.package, alias.enums) if alias is not None else (self.package, self.enums)
        key = enum_key(t)
        return self.ref(f"{package}.{enums[key]}") if key in enums else None

    def codec(self, t: TypeRef) -> str:
        """The expression of a codec for `t`."""
        if isinstance(t, Primitive):
            return self._codec(primitive(t)[1])
        if isinstance(t, EnumOf):
            enum = self._enum_class(t)
            return f"{enum}.CODEC" if enum else self._codec(primitive(t.base)[1])
        if isinstance(t, Special):
            return self._codec("Json.BYTES") if t.kind == "binary" else f"{self.ref(SPECIALS[t.kind])}.CODEC"
        if isinstance(t, ArrayOf):
            return f"{self.ref('Json')}.list({self.codec(t.item)})"
        if isinstance(t, MapOf):
            return f"{self.ref('Json')}.map({self.codec(t.value)})"
        if isinstance(t, TupleOf):
            return f"{self.ref('Json')}.list({self.codec(tuple_item(t))})"
        if isinstance(t, UnionOf):
            return f"{self.ref('RawJson')}.CODEC"
        return f"{self.ref(self.classes[t.key].qualified)}.CODEC"

    def _builtin(self, name: str) -> str:
        return name if name.endswith("[]") else self.ref(name)

    def _codec(self, text: str) -> str:
        owner, constant = text.split(".")
        return f"{self.ref(owner)}.{constant}"
