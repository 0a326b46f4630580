"""How the reader sees a page: language, the suppression threshold in force, screen or projector.
Every chart builder, headline and definition takes one `View`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    lang: str = "da"
    min_n: int = 5
    projector: bool = False

    def tr(self, da: str, en: str, **kwargs) -> str:
        """The sentence in the reader's language, filled."""
        return (da if self.lang == "da" else en).format(**kwargs)
