# kgen:header
"""Base classes of the generated models, and their JSON encoding and decoding."""

from __future__ import annotations

import gc
import mmap
import re
import typing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard, TypeVar

import msgspec

__all__ = [
    "NO_RAW",
    "Model",
    "Number",
    "QuantityValue",
    "Raw",
    "Resource",
    "decode",
    "encode",
    "field",
    "to_dict",
]

T = TypeVar("T")
field = msgspec.field
Raw = msgspec.Raw
# An unset Raw field: encoded as nothing (an explicit JSON null arrives as Raw(b"null")).
NO_RAW = msgspec.Raw()


class Number(float):
    """A JSON number from a position of open type (a Quantity, an untyped value): a float that keeps its token.

    Encoding writes the token back, so `1.5e9` and `0.50` come back as sent (a
    float would be re-spelled `1500000000.0` and `0.5`). Integers decode as int,
    exact at any size; an integer `-0` (which no int can hold) as `Number("-0")`.
    """

    __slots__ = ("token",)
    token: str

    def __new__(cls, token: str) -> Number:
        number = super().__new__(cls, token)
        number.token = token
        return number

    def __repr__(self) -> str:
        return f"Number({self.token!r})"


if TYPE_CHECKING:
    from typing import TypeAlias

    QuantityValue: TypeAlias = "str | int | float"
else:
    # Decoded as an untyped value, so a number keeps its token (Number); strings stay str.
    QuantityValue = Any


class _ResourceMeta(msgspec.StructMeta):
    """Fills in apiVersion and kind when user code builds a resource.

    Decoding does not go through here, so an object that arrived without them
    (the items of a list) is encoded without them: the round trip stays exact.
    """

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("api_version", getattr(cls, "API_VERSION", None))
        kwargs.setdefault("kind", getattr(cls, "KIND", None))
        return super().__call__(*args, **kwargs)


class Model(msgspec.Struct, kw_only=True, omit_defaults=True, gc=False, rename="camel"):
    """Base of every generated model.

    Fields left unset are omitted when encoding. ``gc=False`` is safe because
    models hold JSON trees: an instance can only take part in a reference cycle
    if user code assigns an object into itself. Keeping millions of decoded
    objects out of the cycle collector removes most of a large decode's time.
    """


class Resource(Model, metaclass=_ResourceMeta, kw_only=True, dict=True, gc=True):
    """A top-level object: its apiVersion and kind are filled in on construction.

    A decoded resource remembers the JSON it came from (in its ``__dict__``,
    which msgspec allows only with ``gc=True``; the objects it holds stay
    untracked), so that encoding it sends back the members this client does
    not know: a newer server's fields survive read, modify, replace.
    """

    API_VERSION: ClassVar[str]
    KIND: ClassVar[str]


_decoders: dict[Any, msgspec.json.Decoder[Any]] = {}


def _token(obj: Any) -> Any:
    if isinstance(obj, Number):
        return msgspec.Raw(obj.token.encode())
    raise NotImplementedError(f"cannot encode {type(obj).__name__}")


def _plain(obj: Any) -> Any:
    if isinstance(obj, Number):
        return float(obj)
    raise NotImplementedError(f"cannot convert {type(obj).__name__}")


_encoder = msgspec.json.Encoder(enc_hook=_token)
# Unknown members keep their number tokens too.
_plain_decoder = msgspec.json.Decoder(float_hook=Number)


def decode(type_: type[T], data: bytes | bytearray | memoryview | str) -> T:
    """Decode JSON straight into typed objects, with one cached decoder per type.

    The cycle collector is paused while decoding: a decoded JSON tree holds no
    cycles, yet the lists it allocates would set off collections that scan
    everything decoded so far, again and again (most of a large list's decode
    time). It is resumed afterwards unless it was off already.

    A list of resources (a resource whose `items` are resources) is decoded item
    by item, each from a copy of its own JSON (see `_decode_list` and
    `_copies`), so that an item kept after its list is gone does not keep the
    whole response alive.

    msgspec decodes an integer `-0` as `0`. A resource keeps it so until it is
    encoded (its remembered JSON has the token), which spares a list's decode a
    search of its bytes; any other result is searched now.
    """
    decoder = _decoders.get(type_)
    if decoder is None:
        decoder = _decoders[type_] = msgspec.json.Decoder(type_, float_hook=Number)
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        plan = _list_plans.get(type_, _UNPLANNED)
        if plan is _UNPLANNED:
            plan = _list_plans[type_] = _list_plan(type_)
        listed = None if plan is None else _decode_list(plan, decoder, data)
        result: T
        if listed is not None:
            result = listed
        else:
            result = decoder.decode(data)
            if isinstance(result, Resource):
                setattr(result, _SOURCE, data)
            else:
                result = _exact(type_, result, data)
    finally:
        if paused:
            gc.enable()
    return result


class _ListPlan:
    """How a list of resources is decoded: its members but `items` cut out as JSON, then each item from its own bytes."""

    __slots__ = ("envelope", "item", "wires")

    def __init__(self, envelope: type, item: type, wires: dict[str, bytes]) -> None:
        self.envelope: msgspec.json.Decoder[Any] = msgspec.json.Decoder(envelope)
        self.item: msgspec.json.Decoder[Any] = msgspec.json.Decoder(
            item, float_hook=Number
        )
        self.wires = wires  # attribute of the envelope -> `"wireName":`


_list_plans: dict[Any, _ListPlan | None] = {}
_UNPLANNED: Any = object()


def _list_plan(type_: Any) -> _ListPlan | None:
    """The plan of a resource whose `items` is a list of resources; None for any other type."""
    if not (isinstance(type_, type) and issubclass(type_, Resource)):
        return None
    fields = msgspec.structs.fields(type_)
    items = [f for f in fields if f.encode_name == "items"]
    if len(items) != 1 or typing.get_origin(items[0].type) is not list:
        return None
    (item,) = typing.get_args(items[0].type)
    if not (isinstance(item, type) and issubclass(item, Resource)):
        return None
    others = [f for f in fields if f is not items[0]]
    # Each member but `items` as its JSON, under attributes m0, m1, ... (any wire name fits), and
    # `items` as a list of JSON. Any other member fails the decode (see _decode_list_with_unknown).
    members: list[Any] = [
        (f"m{i}", msgspec.Raw, msgspec.field(name=f.encode_name, default=NO_RAW))
        for i, f in enumerate(others)
    ]
    members.append(("items", list[msgspec.Raw] | None, None))
    envelope = msgspec.defstruct(
        f"_{type_.__name__}Envelope", members, forbid_unknown_fields=True
    )
    wires = {
        f"m{i}": msgspec.json.encode(f.encode_name) + b":" for i, f in enumerate(others)
    }
    return _ListPlan(envelope, item, wires)


def _decode_list(plan: _ListPlan, decoder: msgspec.json.Decoder[Any], data: Any) -> Any:
    """A list of resources whose items each hold a copy of their own JSON, not the document; None to decode it whole.

    One pass cuts out its members unparsed (skipping through each item), the
    list is decoded from its members but `items`, and each item from a copy of
    its bytes: all an item holds (the JSON it remembers, its `Raw` members
    such as managedFields' fieldsV1) points into that copy, so that keeping an
    item does not keep the response. A document with members the models lack
    takes a slower way to the same result; one without `items`, or not an
    object, is decoded whole, which raises the error a whole decode raises.
    """
    try:
        envelope = plan.envelope.decode(data)
    except msgspec.ValidationError:
        return _decode_list_with_unknown(plan, decoder, data)
    if envelope.items is None:
        return None
    # A member absent is NO_RAW (empty); a null one arrives as Raw(b"null").
    head = [
        wire + bytes(member)
        for name, wire in plan.wires.items()
        if (member := getattr(envelope, name))
    ]
    return _decode_items(plan, decoder, head, envelope.items)


def _decode_list_with_unknown(
    plan: _ListPlan, decoder: msgspec.json.Decoder[Any], data: Any
) -> Any:
    """`_decode_list` for a document the envelope does not fit: members the models lack (a newer server's) are kept."""
    try:
        members = _members(data)
        raws = msgspec.json.decode(members.pop("items"), type=list[msgspec.Raw])
    except (msgspec.ValidationError, KeyError):
        return None  # not an object, or `items` missing or not an array
    head = [
        msgspec.json.encode(wire) + b":" + bytes(raw) for wire, raw in members.items()
    ]
    return _decode_items(plan, decoder, head, raws)


def _decode_items(
    plan: _ListPlan,
    decoder: msgspec.json.Decoder[Any],
    head: list[bytes],
    raws: list[msgspec.Raw],
) -> Any:
    """The list decoded from its members `head` (each `"name":json`), with each item decoded from a copy of its `raws`."""
    source = b"{" + b",".join([*head, b'"items":[]']) + b"}"
    result = decoder.decode(source)
    setattr(result, _SOURCE, source)
    items: list[Any] = []
    decode_item = plan.item.decode
    for index, json in enumerate(_copies(raws)):
        try:
            item = decode_item(json)
        except msgspec.ValidationError as error:
            raise _at_item(error, index) from None
        setattr(item, _SOURCE, json)
        items.append(item)
    result.items = items
    return result


# The items of a large list are copied into anonymous mappings of this size (about 9 pods), each
# given back to the OS once none of its items is left. Copied to the heap one by one, they left it
# too fragmented to shrink: keeping 1 pod of 5,000 held 22 MB resident (benchmarks/decode.py).
_BATCH = 128 * 1024


def _copies(raws: list[msgspec.Raw]) -> Iterator[bytes | memoryview]:
    """A copy of each item's JSON, apart from the response: the items of a large list in shared mappings, of a small one as bytes."""
    batch: list[msgspec.Raw] = []
    size = 0
    for raw in raws:
        batch.append(raw)
        size += len(raw)
        if size >= _BATCH:
            yield from _mapped(batch, size)
            batch, size = [], 0
    yield from map(bytes, batch)


def _mapped(raws: list[msgspec.Raw], size: int) -> Iterator[bytes | memoryview]:
    try:
        mapping = mmap.mmap(-1, size)
    except OSError:  # out of mappings (vm.max_map_count): the heap will do
        yield from map(bytes, raws)
        return
    # Each item's view keeps the mapping until the last of them is gone.
    view = memoryview(mapping)
    start = 0
    for raw in raws:
        mapping.write(raw)
        yield view[start : mapping.tell()]
        start = mapping.tell()


def _at_item(error: msgspec.ValidationError, index: int) -> msgspec.ValidationError:
    """`error`, raised by an item, with the path it has in the whole document."""
    message = str(error)
    if " - at `$" in message:
        return msgspec.ValidationError(
            message.replace(" - at `$", f" - at `$.items[{index}]", 1)
        )
    return msgspec.ValidationError(f"{message} - at `$.items[{index}]`")


# Where an integer -0 may stand: after `[`, `:`, `,`, whitespace or nothing, and before
# `]`, `}`, `,`, whitespace or nothing. A match may lie inside a string (`{"a":-0}`
# held as text), never a date's or a name's `-0` (`web-0`); the literal prefix keeps
# the search fast.
_NEGATIVE_ZERO = re.compile(rb"-0(?<![^\[:, \t\n\r]-0)(?![^\]}, \t\n\r])")
_ANY = msgspec.inspect.AnyType()
_type_infos: dict[Any, msgspec.inspect.Type] = {}


def _exact(type_: Any, value: Any, data: Any) -> Any:
    """`value`, decoded from `data` as `type_`, with its integer -0s of open type as `Number("-0")`."""
    json = data.encode() if isinstance(data, str) else data
    if _NEGATIVE_ZERO.search(json) is None:
        return value
    return _negative_zeros(_type_info(type_), value, json)


def _type_info(type_: Any) -> msgspec.inspect.Type:
    info = _type_infos.get(type_)
    if info is None:
        info = _type_infos[type_] = msgspec.inspect.type_info(type_)
    return info


def _negative_zeros(info: msgspec.inspect.Type, value: Any, json: bytes) -> Any:
    """`value`, decoded from `json` as `info`, with `Number("-0")` wherever `json` has an integer -0 in a position of open type.

    Only the members whose JSON matches `_NEGATIVE_ZERO` are visited, each cut
    out unparsed, so a match inside a string ends at that string. Typed
    positions keep what msgspec made of the token (an int field holds 0). A
    struct may come as its plain JSON (see `_original`): its members the
    models lack are of open type.
    """
    info = _branch(info)
    if isinstance(info, msgspec.inspect.StructType):
        fields = {field.encode_name: field for field in info.fields}
        for wire, member in _members(json).items():
            field = fields.get(wire)
            if not _NEGATIVE_ZERO.search(member):
                continue
            if not isinstance(value, msgspec.Struct):
                member_info = _ANY if field is None else field.type
                value[wire] = _negative_zeros(member_info, value[wire], member)
            elif field is not None:
                item = _negative_zeros(field.type, getattr(value, field.name), member)
                setattr(value, field.name, item)
        return value
    item_info = _item_type(info)
    if item_info is not None:
        for key, raw in _raw_items(value, json):
            if _NEGATIVE_ZERO.search(raw):
                value[key] = _negative_zeros(item_info, value[key], raw)
    open_ = isinstance(info, msgspec.inspect.AnyType)
    zero = open_ and type(value) is int and value == 0
    return Number("-0") if zero and bytes(json).strip() == b"-0" else value


def _branch(info: msgspec.inspect.Type) -> msgspec.inspect.Type:
    """The type a union stands for: open if any of its types is, else its one type besides None."""
    if not isinstance(info, msgspec.inspect.UnionType):
        return info
    types = [t for t in info.types if not isinstance(t, msgspec.inspect.NoneType)]
    if any(isinstance(t, msgspec.inspect.AnyType) for t in types):
        return _ANY
    return types[0] if len(types) == 1 else info


def _item_type(info: msgspec.inspect.Type) -> msgspec.inspect.Type | None:
    """The type of a container's items (an open value's are open), or None."""
    if isinstance(info, msgspec.inspect.DictType):
        return info.value_type
    if isinstance(info, msgspec.inspect.ListType):
        return info.item_type
    return info if isinstance(info, msgspec.inspect.AnyType) else None


def _raw_items(value: Any, json: bytes) -> Iterable[tuple[Any, msgspec.Raw]]:
    """The keys of a decoded object or the indexes of an array, each with its JSON; none for a scalar."""
    if _is_object(value):
        return _members(json).items()
    if _is_array(value):
        return enumerate(msgspec.json.decode(json, type=list[msgspec.Raw]))
    return ()


def _members(json: bytes) -> dict[str, msgspec.Raw]:
    return msgspec.json.decode(json, type=dict[str, msgspec.Raw])


def encode(obj: Any) -> bytes:
    """Encode models (and plain JSON values) to compact JSON.

    A resource that was decoded gets back, at every depth, the members its
    JSON had and its models do not know, and the integer -0s it holds as 0;
    members the models know are sent as they are now (a field set to None is
    left out). So does each decoded resource it holds (the items of a list),
    and each one in plain lists, tuples and dicts (`encode([pod, other])`).
    """
    if not _holds_decoded(obj):
        return _encoder.encode(obj)
    # Raw members (managedFields' fieldsV1) are encoded as they came.
    built = msgspec.to_builtins(obj, builtin_types=(msgspec.Raw,), enc_hook=_token)
    return _encoder.encode(_restore_unknown(obj, built, None))


# The attribute of a decoded resource holding the JSON it came from (a list's, without its items).
_SOURCE = "_kgen_source"


def _holds_decoded(value: Any) -> bool:
    """Whether `value` is a decoded resource, or plain lists, tuples and dicts holding one."""
    if isinstance(value, Resource):
        return getattr(value, _SOURCE, None) is not None
    if _is_sequence(value):
        return any(_holds_decoded(item) for item in value)
    if _is_object(value):
        return any(_holds_decoded(item) for item in value.values())
    return False


def _original(type_: Any, data: Any) -> Any:
    """The plain JSON of a resource of `type_`.

    An integer -0 is a `Number("-0")` where the models' type is open and in
    the members they lack; elsewhere (an int field) it is 0, as decoded.
    """
    return _exact(type_, _plain_decoder.decode(data), data)


def _restore_unknown(value: Any, built: Any, original: Any) -> Any:
    """`built` (the encoding of `value`) with the members of `original` that `value`'s models have no field for.

    A 0 that `original` has as `Number("-0")` goes back as -0. A decoded
    resource is restored from the JSON it remembers instead of `original`.
    """
    if isinstance(value, msgspec.Struct):
        source = getattr(value, _SOURCE, None) if isinstance(value, Resource) else None
        if source is not None:
            original = _original(type(value), source)
        if _is_object(built) and _is_object(original):
            _restore_members(value, built, original)
    elif _is_sequence(value) and _is_sequence(built):
        # to_builtins keeps tuples
        items: list[Any] = built if _is_array(built) else list(built)
        originals: list[Any] = (
            _aligned(items, original) if _is_array(original) else [None] * len(items)
        )
        for index, each in enumerate(zip(value, items, originals)):
            items[index] = _restore_unknown(*each)
        return items
    elif _is_object(value) and _is_object(built):
        for key, item in value.items():
            if key in built:
                member = original.get(key) if _is_object(original) else None
                built[key] = _restore_unknown(item, built[key], member)
    elif _is_negative_zero(original) and type(built) is int and built == 0:
        return original
    return built


def _restore_members(
    value: msgspec.Struct, built: dict[str, Any], original: dict[str, Any]
) -> None:
    known = value.__struct_encode_fields__
    for key, member in original.items():
        if key not in known and key not in built:
            built[key] = member
    for name, wire in zip(value.__struct_fields__, known):
        if wire in built and wire in original:
            member = _restore_unknown(getattr(value, name), built[wire], original[wire])
            built[wire] = member


def _is_negative_zero(value: object) -> bool:
    return isinstance(value, Number) and value.token == "-0"


def _is_object(value: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict)


def _is_array(value: object) -> TypeGuard[list[Any]]:
    return isinstance(value, list)


def _is_sequence(value: object) -> TypeGuard[list[Any] | tuple[Any, ...]]:
    return isinstance(value, (list, tuple))


def _aligned(built: list[Any], original: list[Any]) -> list[Any]:
    """The original item of each item now: by `name` where every item has one (containers, ports), else by position if none came or went."""
    if all(isinstance(i, dict) and "name" in i for i in built + original):
        by_name = {i["name"]: i for i in original}
        return [by_name.get(i["name"]) for i in built]
    return original if len(original) == len(built) else [None] * len(built)


def to_dict(obj: Any) -> Any:
    """Models as plain dicts and lists, keyed by their JSON names."""
    return msgspec.to_builtins(obj, enc_hook=_plain)
