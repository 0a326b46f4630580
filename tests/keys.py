"""Record keys for the test fixtures (queries.privacy: the cell-key method)."""


def record_key(keys=None) -> int:
    """0 — a cell of zero keys is left as it is, so the hand computations of the tests hold — or a
    random key in [0, 2^31) from `keys` (a numpy Generator), for the tests that play the attacker."""
    return 0 if keys is None else int(keys.integers(0, 2 ** 31))
