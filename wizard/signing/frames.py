"""Signature appearances that appear after the first signature must stay in the report's frames.

pyHanko's difference analysis counts a new visible signature field as form filling, wherever
its widget lies: a counter-signature whose appearance covers a page in white and writes
something else over it would pass. After the first signature Vigie accepts only signatures
drawn in the empty frames that already existed when it was made (and no larger than the
report draws them, on its signature page), or invisible ones. Everything else that changes
after a signature is judged by pyHanko's analysis, made stricter here: no form field other
than a signature may change (STRICT_DIFF_POLICY).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyhanko.pdf_utils.rw_common import PdfHandler
from pyhanko.sign import fields
from pyhanko.sign.diff_analysis import (
    DEFAULT_DIFF_POLICY,
    FormUpdatingRule,
    SigFieldCreationRule,
    SigFieldModificationRule,
    StandardDiffPolicy,
)

from wizard.report.signature_page import BOX_HEIGHT, BOX_WIDTH

# The default rules, without the one that lets text fields, check boxes… be filled in after
# a signature: a Vigie plan has none, and a value typed in later is a visible change.
STRICT_DIFF_POLICY = StandardDiffPolicy(
    global_rules=DEFAULT_DIFF_POLICY.global_rules,
    form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(allow_new_visible_after_certify=False),
                                            SigFieldModificationRule()]),
)
_TOLERANCE = 2.0  # points: rounding of the frame's position in the PDF

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class FieldState:
    filled: bool
    rects: tuple[Rect, ...]  # one per widget, (x0, y0, x1, y1) normalised

    @property
    def visible(self) -> bool:
        return any(x1 > x0 and y1 > y0 for x0, y0, x1, y1 in self.rects)

    @property
    def fits_a_frame(self) -> bool:
        return all(x1 - x0 <= BOX_WIDTH + _TOLERANCE and y1 - y0 <= BOX_HEIGHT + _TOLERANCE
                   for x0, y0, x1, y1 in self.rects)


@dataclass(frozen=True)
class LateAppearance:
    """A visible signature field that was not an empty frame of the first signed revision."""

    field: str
    reason: str  # "new-visible": created after the first signature; "outside-frame": larger than a frame


def _rect(widget: Any) -> Rect:
    try:
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
    except (KeyError, TypeError, ValueError):
        return (0.0, 0.0, 0.0, 0.0)
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def field_states(handler: PdfHandler) -> dict[str, FieldState]:
    """Every signature field of a PDF (or of one of its revisions): filled or not, and where."""
    states = {}
    for name, value, ref in fields.enumerate_sig_fields(handler):
        field = ref.get_object()
        widgets = [kid.get_object() for kid in field["/Kids"]] if "/Kids" in field else [field]
        states[name] = FieldState(value is not None, tuple(_rect(w) for w in widgets))
    return states


def late_appearances(first: dict[str, FieldState], now: dict[str, FieldState]) -> list[LateAppearance]:
    """The visible signature fields of now that the first signed revision did not have as an
    empty frame, or that were filled since in a frame larger than the report's (or moved)."""
    found = []
    for name, state in now.items():
        before = first.get(name)
        if not state.visible or before == state:
            continue
        if before is None:
            found.append(LateAppearance(name, "new-visible"))
        elif before.rects != state.rects or (state.filled and not before.filled and not state.fits_a_frame):
            found.append(LateAppearance(name, "outside-frame"))
    return found
