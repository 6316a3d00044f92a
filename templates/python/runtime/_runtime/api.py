# kgen:header
"""What generated API modules are built from: operation descriptors and API base classes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from kgen.templates.python.runtime._runtime.model import Model
from kgen.templates.python.runtime._runtime.watch import AsyncWatch, Bookmark, Watch, WatchEvent

if TYPE_CHECKING:
    from kgen.templates.python.runtime._runtime.client import AsyncClient, Client

__all__ = [
    "Api",
    "AsyncApi",
    "AsyncWatch",
    "Bookmark",
    "Op",
    "PatchBody",
    "PatchType",
    "Watch",
    "WatchEvent",
    "op",
]

T = TypeVar("T")
S = TypeVar("S")

PatchType = Literal["json", "merge", "strategic", "apply"]
PatchBody = Model | dict[str, Any] | list[Any]


class Op(Generic[T]):
    """One operation: how to send it and what its successful response decodes into.

    Generated methods pass their `locals()`: path arguments are found by the
    names in the path template, query arguments under `query` and in `args`,
    and `wire` maps the Python names whose wire spelling is not their
    camelCase form. `query` names the TypedDict of its optional parameters
    (in the package's _queries module): other keywords are refused, as the
    official client refuses them. `decode` is str for text, bytes for binary, NoneType
    for no body, else the type the JSON body decodes into; `or_status` is
    the Status type when a Status body (a delete that completed at once) is
    accepted too. The client keeps its prepared form of the Op in `plan`.
    """

    __slots__ = (
        "method",
        "path",
        "decode",
        "wire",
        "args",
        "headers",
        "form",
        "formats",
        "or_status",
        "patch",
        "query",
        "plan",
    )

    def __init__(
        self,
        method: str,
        path: str,
        decode: object,
        *,
        wire: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
        headers: tuple[str, ...] = (),
        form: tuple[str, ...] = (),
        formats: dict[str, str] | None = None,
        or_status: type[Any] | None = None,
        patch: bool = False,
        query: str | None = None,
    ) -> None:
        self.method = method
        self.path = path
        self.decode = decode
        self.wire = wire or {}
        self.args = args
        self.headers = headers
        self.form = form
        self.formats = formats or {}
        self.or_status = or_status
        self.patch = patch
        self.query = query
        self.plan: Any = None


@overload
def op(
    method: str,
    path: str,
    decode: type[T],
    *,
    wire: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
    form: tuple[str, ...] = (),
    formats: dict[str, str] | None = None,
    or_status: None = None,
    patch: bool = False,
    query: str | None = None,
) -> Op[T]: ...


@overload
def op(
    method: str,
    path: str,
    decode: type[T],
    *,
    wire: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
    form: tuple[str, ...] = (),
    formats: dict[str, str] | None = None,
    or_status: type[S],
    patch: bool = False,
    query: str | None = None,
) -> Op[T | S]: ...


@overload
def op(
    method: str,
    path: str,
    decode: object,
    *,
    wire: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
    form: tuple[str, ...] = (),
    formats: dict[str, str] | None = None,
    or_status: type[Any] | None = None,
    patch: bool = False,
    query: str | None = None,
) -> Op[Any]: ...


def op(
    method: str,
    path: str,
    decode: object,
    *,
    wire: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
    headers: tuple[str, ...] = (),
    form: tuple[str, ...] = (),
    formats: dict[str, str] | None = None,
    or_status: type[Any] | None = None,
    patch: bool = False,
    query: str | None = None,
) -> Op[Any]:
    """An Op whose type follows `decode` (and `or_status`): what generated modules declare."""
    return Op(
        method,
        path,
        decode,
        wire=wire,
        args=args,
        headers=headers,
        form=form,
        formats=formats,
        or_status=or_status,
        patch=patch,
        query=query,
    )


class Api:
    """Base of the synchronous API classes."""

    def __init__(self, client: Client) -> None:
        self._client = client


class AsyncApi:
    """Base of the asyncio API classes."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client
