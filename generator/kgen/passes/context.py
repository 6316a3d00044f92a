"""State shared by the IR passes of one run."""

from __future__ import annotations

from dataclasses import dataclass, field

from kgen.app.selection import Selection
from kgen.diagnostics import Sink
from kgen.ir.model import Api
from kgen.spec.model import Spec


@dataclass
class Context:
    spec: Spec
    sink: Sink
    api: Api
    selection: Selection = field(default_factory=Selection)
