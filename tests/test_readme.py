"""The README's « Maturity index and priorities » states the numbers the code applies."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return " ".join(re.search(r"## Maturity index and priorities\n(.*?)\n## ", text, re.S).group(1).split())


def test_readme_rules_match_the_code():
    from wizard.core.action_plan import MAX_DELAY_DAYS
    from wizard.core.scoring import GREEN_FROM, RED_BELOW

    section = _section()
    assert f"below {RED_BELOW} (the red band)" in section
    assert f"overall index below {GREEN_FROM} (out of the green band)" in section
    assert f"at most **{MAX_DELAY_DAYS['P1']} days for a P1** and **{MAX_DELAY_DAYS['P2']} for a P2**" in section
    for rule in ("« Je ne sais pas » **and no answer** earn 0", "never above the share of the group's questions",
                 "(12.5 → 13)", "only where the content allows it", "it hides nothing either",
                 "has no index", "neither an audit nor a certification"):
        assert rule in section, rule


def test_readme_lists_the_json_keys_of_plan():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `vigie plan"))
    for key in ("scores", "actions", "coverage", "critical_gaps", "contradictions", "not_applicable", "held_down"):
        assert f"`{key}`" in row, key
