"""Every shared document in every registered target: valid ones generate and pass the target's compile and type check,
invalid ones (conformance.INVALID) fail with an error at the listed JSON pointer.

A valid document kgen cannot handle fails here (never a skip). The work runs once per session and target
(`conformance.run`); `python tests/conformance_report.py` prints the same results as a table.
"""

from __future__ import annotations

from pathlib import Path

import conformance
import pytest
from conftest import SPECS_DIR
from targets import Target, all_targets

TARGETS = all_targets()


@pytest.fixture(scope="session")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, conformance.Results]:
    if not conformance.CONFORMANCE.is_dir():
        pytest.skip(f"{conformance.CONFORMANCE} not found: set KGEN_SPECS_DIR to the shared upstream documents")
    runnable = [t for t in TARGETS if t.missing() is None]
    found = conformance.run(runnable, tmp_path_factory.mktemp("conformance"))
    print("\n" + conformance.table(found))
    return found


def _documents() -> list[str]:
    return conformance.documents() if (SPECS_DIR / "conformance").is_dir() else []


@pytest.mark.parametrize("document", _documents())
@pytest.mark.parametrize("target", TARGETS, ids=lambda t: t.name)
def test_document(target: Target, document: str, results: dict[str, conformance.Results]) -> None:
    why = target.missing()
    if why is not None:
        pytest.skip(why)
    outcome = results[target.name].outcomes[document]
    assert outcome.status in ("ok", "invalid"), outcome.reason


def test_invalid_list_names_documents_that_exist() -> None:
    """INVALID and the table of docs/conformance.md list the same documents, and each exists."""
    documented = Path(__file__).parent.parent.joinpath("docs", "conformance.md").read_text("utf-8")
    for name in conformance.INVALID:
        assert (conformance.CONFORMANCE / name).is_file() or not conformance.CONFORMANCE.is_dir(), name
        assert f"`{name}`" in documented, f"{name} is not in docs/conformance.md's table"
