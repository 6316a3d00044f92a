"""IR types -> C# types and their codecs, spelled as seen from one file, recording the usings it needs.

  * strings, integers (int? where the format says int32, else long?), numbers
    (double?) and booleans are nullable, so absent is null; date-times stay
    strings (their exact spelling survives); binary is byte[];
  * int-or-string and quantity are the runtime's IntOrString and Quantity,
    which keep the token they came as; any JSON value, a free-form object,
    raw JSON (FieldsV1) and unions C# cannot spell are RawJson;
  * arrays are IList, maps IDictionary<string, V> (insertion-ordered when
    decoded), tuples an IList of their one item type, else of RawJson;
  * a model that is an alias of another type is that type (its class holds
    only the codec); a string enum is an open-enum class.

A file's usings sit inside its namespace block, so they are found before the
enclosing namespaces' members. A simple name is written bare when nothing
nearer has it: not a type of the file's own namespace, not a member of the
class being written (members shadow types in C#), not taken by another using;
else it is written in full from `global::`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kgen.ir.model import ArrayOf, EnumOf, MapOf, Primitive, Special, TupleOf, TypeRef, UnionOf
from kgen.targets.common import EnumKey as EnumKey
from kgen.targets.common import enum_key as enum_key
from kgen.targets.common import resolve_alias as resolve_alias
from kgen.targets.common import tuple_item

# Types of the framework and of Newtonsoft.Json generated code names, by simple name: their namespace.
FRAMEWORK = {
    "ArgumentNullException": "System",
    "Console": "System",
    "IList": "System.Collections.Generic",
    "IDictionary": "System.Collections.Generic",
    "List": "System.Collections.Generic",
    "Dictionary": "System.Collections.Generic",
    "CancellationToken": "System.Threading",
    "Task": "System.Threading.Tasks",
    "JsonReader": "Newtonsoft.Json",
    "JsonWriter": "Newtonsoft.Json",
}
RUNTIME_TYPES = frozenset("ApiClient Call IJsonCodec IntOrString Json ObjectOrStatus OpenEnum PatchType Quantity RawJson Watch".split())
SPECIALS = {"int_or_string": "IntOrString", "quantity": "Quantity", "any": "RawJson", "object": "RawJson", "raw": "RawJson"}
KEYWORD_TYPES = frozenset({"string", "int?", "long?", "double?", "bool?", "byte[]"})


@dataclass
class TypeName:
    namespace: str
    name: str
    alias: TypeRef | None = None  # the type an alias model stands for (None: the class is the type)
    enums: dict[EnumKey, str] = field(default_factory=dict, compare=False)  # its namespace's open enums, which `alias` names

    @property
    def qualified(self) -> str:
        return f"{self.namespace}.{self.name}"


def primitive(t: Primitive) -> tuple[str, str]:
    """The nullable type and the codec (a member of Json) of a primitive."""
    if t.kind == "string":
        return ("byte[]", "Bytes") if t.format == "binary" else ("string", "String")
    if t.kind == "integer":
        return ("int?", "Int32") if t.format == "int32" else ("long?", "Int64")
    return ("double?", "Double") if t.kind == "number" else ("bool?", "Boolean")


@dataclass
class TypeNamer:
    """Spells types from one file of `namespace`, whose types are `local` and whose class has `members`."""

    types: dict[str, TypeName]  # model key -> its type
    namespace: str
    local: set[str]  # the simple names of the namespace's types
    runtime: str  # the runtime's namespace
    enums: dict[EnumKey, str] = field(default_factory=dict)  # this namespace's open-enum classes
    members: set[str] = field(default_factory=set)  # of the class being written: they shadow types
    namespaces: set[str] = field(default_factory=set)  # imported whole (generic types cannot be aliased)
    aliases: dict[str, str] = field(default_factory=dict)  # simple name -> qualified name
    _refs: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)  # what `ref` answered: a file asks for the same types again and again

    def ref(self, name: str) -> str:
        """A type by its simple name (framework, Newtonsoft or runtime) or its qualified one, as this file writes it."""
        spelled = self._refs.get(name)
        if spelled is None:
            spelled = self._refs[name] = self._ref(name)
        return spelled

    def _ref(self, name: str) -> str:
        if name in FRAMEWORK:
            namespace, simple = FRAMEWORK[name], name
        elif name in RUNTIME_TYPES:
            namespace, simple = self.runtime, name
        else:
            namespace, simple = name.rsplit(".", 1)
        qualified = f"{namespace}.{simple}"
        if simple in self.members:
            return f"global::{qualified}"
        if namespace == self.namespace:
            return simple
        if simple in self.local or self.aliases.get(simple, qualified) != qualified:
            return f"global::{qualified}"
        self.aliases[simple] = qualified
        if name in FRAMEWORK or name in RUNTIME_TYPES:
            self.namespaces.add(namespace)
        return simple

    def usings(self, indent: str) -> str:
        """The using directives the file's references need (inside its namespace block)."""
        imported = {a for a, q in self.aliases.items() if q.rsplit(".", 1)[0] in self.namespaces}
        lines = [f"{indent}using global::{n};" for n in sorted(self.namespaces)]
        lines += [f"{indent}using {a} = global::{q};" for a, q in sorted(self.aliases.items()) if a not in imported]
        return "\n".join(lines)

    def spell(self, t: TypeRef, alias: TypeName | None = None) -> str:
        """`t` as this file writes it; inside the `alias` it stands for, with the enum types of the alias's namespace."""
        if isinstance(t, Primitive):
            return primitive(t)[0]
        if isinstance(t, EnumOf):
            return self._enum_type(t, alias) or primitive(t.base)[0]
        if isinstance(t, Special):
            return "byte[]" if t.kind == "binary" else self.ref(SPECIALS[t.kind])
        if isinstance(t, ArrayOf):
            return f"{self.ref('IList')}<{self.spell(t.item, alias)}>"
        if isinstance(t, MapOf):
            return f"{self.ref('IDictionary')}<string, {self.spell(t.value, alias)}>"
        if isinstance(t, TupleOf):
            return f"{self.ref('IList')}<{self.spell(tuple_item(t), alias)}>"
        if isinstance(t, UnionOf):
            return self.ref("RawJson")
        target = self.types[t.key]
        return self.spell(target.alias, target) if target.alias is not None else self.ref(target.qualified)

    def _enum_type(self, t: EnumOf, alias: TypeName | None = None) -> str | None:
        """The open-enum type of `t` (of this file's namespace, or of `alias`'s), as this file writes it; None: there is none."""
        namespace, enums = (alias.namespace, alias.enums) if alias is not None else (self.namespace, self.enums)
        key = enum_key(t)
        return self.ref(f"{namespace}.{enums[key]}") if key in enums else None

    def codec(self, t: TypeRef) -> str:
        """The expression of a codec for `t`."""
        if isinstance(t, Primitive):
            return f"{self.ref('Json')}.{primitive(t)[1]}"
        if isinstance(t, EnumOf):
            enum = self._enum_type(t)
            return f"{enum}.Codec" if enum else f"{self.ref('Json')}.{primitive(t.base)[1]}"
        if isinstance(t, Special):
            return f"{self.ref('Json')}.Bytes" if t.kind == "binary" else f"{self.ref(SPECIALS[t.kind])}.Codec"
        if isinstance(t, ArrayOf):
            return f"{self.ref('Json')}.ListOf({self.codec(t.item)})"
        if isinstance(t, MapOf):
            return f"{self.ref('Json')}.MapOf({self.codec(t.value)})"
        if isinstance(t, TupleOf):
            return f"{self.ref('Json')}.ListOf({self.codec(tuple_item(t))})"
        if isinstance(t, UnionOf):
            return f"{self.ref('RawJson')}.Codec"
        return f"{self.ref(self.types[t.key].qualified)}.Codec"
