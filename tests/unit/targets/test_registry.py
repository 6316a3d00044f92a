"""The registry: kgen's targets satisfy the protocol, and a pack's target that does not is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgen.diagnostics import KgenError
from kgen.targets import packs, registry
from kgen.targets.protocol import MEMBERS, Target


@pytest.mark.parametrize("name", registry.BUILTIN)
def test_every_builtin_target_is_a_target(name: str) -> None:
    target = registry.builtin(name)
    assert isinstance(target, Target) and name == target.NAME
    assert target.DESCRIPTION and (target.TEMPLATES / "runtime").is_dir()


def test_an_unknown_target_is_named_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="unknown target 'cobol': kgen has csharp, go, java, python, typescript"):
        registry.builtin("cobol")


def test_a_pack_target_that_lacks_members_is_refused_with_them(tmp_path: Path) -> None:
    (tmp_path / "target.py").write_text('NAME = "half"\nDESCRIPTION = "only renders"\n\ndef render(api, options, env):\n    return []\n', "utf-8")
    with pytest.raises(KgenError) as raised:
        registry.of_pack(packs.read(tmp_path))
    message = raised.value.diagnostics[0].message
    assert message == "the target lacks " + ", ".join(m for m in MEMBERS if m not in ("NAME", "DESCRIPTION", "render"))


def test_listing_reads_builtin_targets_then_packs(tmp_path: Path) -> None:
    (tmp_path / "README.md.jinja").write_text("x\n", "utf-8")
    listed = registry.listed([str(tmp_path)])
    assert [t.name for t in listed] == [*registry.BUILTIN, None]
    assert listed[-1].pack is not None and listed[-1].pack.path == tmp_path.resolve()
