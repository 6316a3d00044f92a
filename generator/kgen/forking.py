"""Forked children that hand one answer to their parent down a pipe.

Validation's helpers and the render workers fork from a running process so
that they inherit what it prepared (the validator imported, the document
trimmed, a target's plan of the API) instead of paying for it again. A child
must never return into its parent's code, whatever happens: `exit_with` sends
its answer and ends it with os._exit.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, NoReturn

from kgen import collector


def fork() -> tuple[int, Connection]:
    """Fork: the parent gets (the child's pid, where its answer comes from), the child (0, where its answer goes)."""
    receive, send = multiprocessing.Pipe(duplex=False)
    pid = os.fork()
    if pid == 0:
        receive.close()
        collector.in_worker()
        return 0, send
    send.close()
    return pid, receive


def exit_with(send: Connection, answer: Callable[[], Any]) -> NoReturn:
    """In a child: send what `answer()` gives and end with status 0; if it raises, end with status 1 and nothing sent
    (the parent reads EOF). Nothing of the parent's runs after it: no atexit handler, no buffer flushed twice."""
    status = 1
    try:
        send.send(answer())
        status = 0
    finally:
        os._exit(status)
