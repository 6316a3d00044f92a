"""State shared by the IR passes of one run."""

from __future__ import annotations

from dataclasses import dataclass

from kgen.diagnostics import Sink
from kgen.ir.model import Api
from kgen.spec.model import Spec


@dataclass
class Context:
    spec: Spec
    sink: Sink
    api: Api
