# kgen:header
"""Lists read page by page (limit/continue), item by item."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

__all__ = ["apaginate", "paginate"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class _ListMeta(Protocol):
    @property
    def continue_(self) -> str | None: ...


class _Page(Protocol[T_co]):
    @property
    def items(self) -> Sequence[T_co] | None: ...

    @property
    def metadata(self) -> _ListMeta | None: ...


def _token(page: _Page[Any]) -> str | None:
    return page.metadata.continue_ if page.metadata is not None else None


def paginate(
    list_method: Callable[..., _Page[T]], /, *args: Any, limit: int = 500, **query: Any
) -> Iterator[T]:
    """The items of a list operation, fetched `limit` at a time.

    for pod in paginate(core.list_namespaced_pod, "default", label_selector="app=web"):
        ...
    """
    token: str | None = None
    while True:
        more = {"continue_": token} if token else {}
        page = list_method(*args, limit=limit, **query, **more)
        yield from page.items or ()
        token = _token(page)
        if not token:
            return


async def apaginate(
    list_method: Callable[..., Awaitable[_Page[T]]],
    /,
    *args: Any,
    limit: int = 500,
    **query: Any,
) -> AsyncIterator[T]:
    """The items of an asyncio list operation, fetched `limit` at a time."""
    token: str | None = None
    while True:
        more = {"continue_": token} if token else {}
        page = await list_method(*args, limit=limit, **query, **more)
        for item in page.items or ():
            yield item
        token = _token(page)
        if not token:
            return
