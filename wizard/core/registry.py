"""The frameworks this Vigie knows, each loaded once when first asked for.

One registry is made where the application starts (the command line's context, the window's
workspace) and passed to whoever needs content: no module keeps a questionnaire of its own, so
a test or a second window can use other content without clearing a process-wide cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wizard import paths
from wizard.core.framework import Framework
from wizard.core.questionnaire import ContentError, Questionnaire, load_questionnaire


class UnknownFramework(ContentError):
    """An assessment or a file names a framework this Vigie does not have."""


class ContentRegistry:
    """Frameworks by id, from one folder each; the first folder's is the default."""

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self.folders = [Path(f) for f in folders] if folders else [paths.questionnaires_dir()]
        self._loaded: list[Questionnaire] | None = None

    def _all(self) -> list[Questionnaire]:
        if self._loaded is None:
            loaded = [load_questionnaire(folder) for folder in self.folders]
            ids = [q.framework.id for q in loaded]
            if len(set(ids)) != len(ids):
                raise ContentError(f"two content folders declare the same framework: {ids}")
            self._loaded = loaded
        return self._loaded

    @property
    def default(self) -> Questionnaire:
        """The whole questionnaire of the default framework (every profile)."""
        return self._all()[0]

    def frameworks(self) -> list[Framework]:
        return [q.framework for q in self._all()]

    def questionnaire(self, framework_id: str = "") -> Questionnaire:
        """The whole questionnaire of a framework; "" is the default one."""
        if not framework_id:
            return self.default
        for q in self._all():
            if q.framework.id == framework_id:
                return q
        raise UnknownFramework(f"unknown framework {framework_id!r}; this Vigie has: "
                               f"{', '.join(f.id for f in self.frameworks())}")

    def for_profile(self, profile: str, framework_id: str = "") -> Questionnaire:
        """The profile's view of a framework's questionnaire; KeyError for a profile it lacks."""
        full = self.questionnaire(framework_id)
        if profile not in full.framework.profile_ids:
            raise KeyError(profile)
        return full.for_profile(profile)
