"""How the reader sees a page: language, the suppression threshold in force, screen or projector.
Every chart builder, headline and definition takes one `View`."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class View:
    lang: str = "da"
    min_n: int = 5
    projector: bool = False

    def within(self, domain: str) -> "View":
        """The same view under a domain's own suppression threshold (the wellbeing survey's is stricter)."""
        from data.config import settings, threshold
        return replace(self, min_n=max(self.min_n, threshold(settings(), domain)))

    def tr(self, da: str, en: str, **kwargs) -> str:
        """The sentence in the reader's language, filled."""
        return (da if self.lang == "da" else en).format(**kwargs)
