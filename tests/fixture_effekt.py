"""Hand-made interventions for the Effekt tests (filled in by the Effekt work)."""


def load(conn) -> None:
    pass
