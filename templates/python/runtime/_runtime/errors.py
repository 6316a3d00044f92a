# kgen:header
"""The errors a call raises: typed from the server's Status, or for what went wrong on the way.

Every failure of a call is a ClientError: ApiError (and its subclasses) when
the server answered with a failure, DecodeError when its answer does not fit
the model, NetworkError when no complete answer came, ResponseTooLarge past
a limit of the client, InvalidPathArgument before anything is sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from kgen.templates.python.runtime._runtime.model import Model

__all__ = [
    "AlreadyExists",
    "ApiError",
    "ApiWarning",
    "BadRequest",
    "ClientError",
    "Conflict",
    "DeadlineExceeded",
    "DecodeError",
    "Forbidden",
    "Gone",
    "InternalError",
    "Invalid",
    "InvalidPathArgument",
    "MethodNotAllowed",
    "NotAcceptable",
    "NetworkError",
    "NotFound",
    "RequestEntityTooLarge",
    "Response",
    "ResponseTooLarge",
    "ServerTimeout",
    "ServiceUnavailable",
    "Status",
    "StatusCause",
    "StatusDetails",
    "Timeout",
    "TooManyRequests",
    "Unauthorized",
    "UnsupportedMediaType",
    "error_from_response",
    "error_from_status",
]


class StatusCause(Model, kw_only=True):
    """One reason an operation failed; `field` points at the offending field of the object."""

    reason: str | None = None
    message: str | None = None
    field: str | None = None


class StatusDetails(Model, kw_only=True):
    """What a Status is about: the object, and the causes of a failure."""

    name: str | None = None
    group: str | None = None
    kind: str | None = None
    uid: str | None = None
    causes: list[StatusCause] | None = None
    retry_after_seconds: int | None = None


class Status(Model, kw_only=True):
    """The server's account of a failed (or a completed) operation.

    The runtime's own copy of meta/v1 Status: errors can happen on any
    operation of any document, whether or not it defines Status itself.
    """

    api_version: str | None = None
    kind: str | None = None
    metadata: dict[str, Any] | None = None
    status: str | None = None
    message: str | None = None
    reason: str | None = None
    details: StatusDetails | None = None
    code: int | None = None


class ApiWarning(UserWarning):
    """A Warning header from the server: a deprecated API, an unknown field, ..."""


class Response:
    """What is kept of an HTTP response: enough to explain it, never the request's credentials."""

    __slots__ = ("method", "url", "status_code", "headers", "warnings")

    def __init__(
        self,
        method: str,
        url: str,
        status_code: int,
        headers: Mapping[str, str],
        warnings: tuple[str, ...],
    ) -> None:
        self.method = method
        self.url = url
        self.status_code = status_code
        self.headers = headers
        self.warnings = warnings

    def __repr__(self) -> str:
        return f"<Response {self.method} {self.url} {self.status_code}>"


class ClientError(Exception):
    """Base of every error a call raises; catch it to handle any failure."""


class InvalidPathArgument(ClientError, ValueError):
    """A path argument that would address something else than one object; nothing was sent.

    Empty, ".", "..", a "/" (or "%2F") or None would make a delete of one pod
    a delete of its namespace or of every pod.
    """

    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = value
        super().__init__(
            f"path argument {name}={value!r} is not the name of one object:"
            " it must not be None, empty, '.' or '..', nor contain '/' or '%2F'"
        )


class NetworkError(ClientError):
    """No complete answer arrived: connection refused or reset, TLS failure, timeout.

    `__cause__` is the original error of the HTTP library. A write may or may
    not have been carried out.
    """

    def __init__(self, message: str, method: str, url: str) -> None:
        self.method = method
        self.url = url
        super().__init__(f"{message} ({method} {url})")


class DeadlineExceeded(NetworkError):
    """The response did not arrive whole within the client's deadline (Limits.deadline)."""


class ResponseTooLarge(ClientError):
    """The server sent more than a limit of the client allows (see Limits); reading stopped there."""

    def __init__(self, what: str, limit: int, response: Response | None = None) -> None:
        self.limit = limit
        self.response = response
        where = f" ({response.method} {response.url})" if response is not None else ""
        super().__init__(
            f"{what} exceeds the client's limit of {limit} bytes{where};"
            " raise it with Limits(...)"
        )


class DecodeError(ClientError):
    """A response that does not fit the model it should decode into; `body` holds it as received.

    The server did answer with success: a write it answered so was carried out.
    `__cause__` is the decoder's error, which names the field. For a watch
    event, `response` is None and `body` is the event's line.
    """

    def __init__(self, message: str, response: Response | None, body: bytes) -> None:
        self.response = response
        self.body = body
        if response is not None:
            message += f" ({response.method} {response.url} {response.status_code})"
        super().__init__(message)

    @property
    def status_code(self) -> int | None:
        return None if self.response is None else self.response.status_code


class ApiError(ClientError):
    """The server refused or failed an operation; `status` says why."""

    def __init__(self, status: Status, response: Response | None = None) -> None:
        self.status = status
        self.response = response
        text = f"{status.code} {status.reason or 'Error'}: {status.message or ''}"
        if response is not None:
            text += f" ({response.method} {response.url})"
        super().__init__(text)

    @property
    def code(self) -> int | None:
        return self.status.code

    @property
    def reason(self) -> str | None:
        return self.status.reason


class BadRequest(ApiError):
    """400: the request itself is malformed."""


class Unauthorized(ApiError):
    """401: the credentials were missing, expired or not accepted."""


class Forbidden(ApiError):
    """403: authenticated, but not allowed to do this."""


class NotFound(ApiError):
    """404: no such object, resource or path."""


class MethodNotAllowed(ApiError):
    """405: the resource does not support this verb."""


class NotAcceptable(ApiError):
    """406: none of the accepted content types can be served."""


class Conflict(ApiError):
    """409: a write raced another one (stale resourceVersion), or the object exists."""


class AlreadyExists(Conflict):
    """409 AlreadyExists: an object of that name exists already."""


class Gone(ApiError):
    """410: the resourceVersion is too old (expired); list again and watch from there."""


class RequestEntityTooLarge(ApiError):
    """413: the request body is too large."""


class UnsupportedMediaType(ApiError):
    """415: the body's content type is not accepted (e.g. a patch type the resource lacks)."""


class Invalid(ApiError):
    """422: the object failed validation; `causes` says which fields and why."""

    @property
    def causes(self) -> list[StatusCause]:
        details = self.status.details
        return list(details.causes or ()) if details is not None else []


class TooManyRequests(ApiError):
    """429: throttled, and the retries allowed were used up."""


class InternalError(ApiError):
    """500: the server failed."""


class ServerTimeout(ApiError):
    """500 ServerTimeout: the server could not finish in time; the operation may be retried."""


class ServiceUnavailable(ApiError):
    """503: the server cannot serve now, and the retries allowed were used up."""


class Timeout(ApiError):
    """504: the request timed out before the server could complete it."""


_BY_REASON: dict[str, type[ApiError]] = {
    "AlreadyExists": AlreadyExists,
    "BadRequest": BadRequest,
    "Conflict": Conflict,
    "Expired": Gone,
    "Forbidden": Forbidden,
    "Gone": Gone,
    "InternalError": InternalError,
    "Invalid": Invalid,
    "MethodNotAllowed": MethodNotAllowed,
    "NotAcceptable": NotAcceptable,
    "NotFound": NotFound,
    "RequestEntityTooLarge": RequestEntityTooLarge,
    "ServerTimeout": ServerTimeout,
    "ServiceUnavailable": ServiceUnavailable,
    "Timeout": Timeout,
    "TooManyRequests": TooManyRequests,
    "Unauthorized": Unauthorized,
    "UnsupportedMediaType": UnsupportedMediaType,
}
_BY_CODE: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    406: NotAcceptable,
    409: Conflict,
    410: Gone,
    413: RequestEntityTooLarge,
    415: UnsupportedMediaType,
    422: Invalid,
    429: TooManyRequests,
    500: InternalError,
    503: ServiceUnavailable,
    504: Timeout,
}
_status_decoder = msgspec.json.Decoder(Status)


def error_from_status(status: Status, response: Response | None = None) -> ApiError:
    """The most specific error for a Status: by its reason, else by its code."""
    cls = _BY_REASON.get(status.reason or "") or _BY_CODE.get(
        status.code or 0, ApiError
    )
    return cls(status, response)


def error_from_response(response: Response, body: bytes) -> ApiError:
    """The error for a failed response; a body that is not a Status is kept as its message."""
    try:
        status = _status_decoder.decode(body)
    except msgspec.DecodeError:
        status = Status()
    if status.kind != "Status":
        text = body[:1000].decode("utf-8", "replace").strip()
        status = Status(kind="Status", status="Failure", message=text or None)
    if status.code is None:
        status.code = response.status_code
    return error_from_status(status, response)
