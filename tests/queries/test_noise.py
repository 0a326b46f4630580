"""The cell-key method's count noise (queries.privacy.count_noise), drawn for thousands of cells at once.

The expected noise is drawn here one cell at a time, by hand, from the published perturbation table: the
inverse of its cumulative distribution at the cell's uniform draw."""
import numpy as np

from queries.privacy import MAX_NOISE, _uniform, count_noise, ptable


def _one_at_a_time(counts, keys, threshold):
    table, u = ptable(threshold), _uniform(keys, 0)
    out = []
    for count, key, draw in zip(counts, keys, u):
        if not count > 0 or key == 0:
            out.append(0)
            continue
        values, cdf = table[min(int(count), len(table) - 1)]
        first_above = next((i for i, c in enumerate(cdf) if c > draw), len(values) - 1)
        out.append(int(values[first_above]))
    return np.array(out)


def test_every_cell_gets_the_draw_of_its_own_count_and_key():
    rng = np.random.default_rng(7)
    counts = rng.integers(0, 60, 20_000).astype("float64")
    counts[::97] = np.nan  # a missing count
    keys = rng.integers(0, 2 ** 31, 20_000)
    keys[::13] = 0  # an empty cell's key
    for threshold in (3, 5, 10):
        np.testing.assert_array_equal(count_noise(counts, keys, threshold), _one_at_a_time(counts, keys, threshold))


def test_a_small_group_stays_small_and_no_count_moves_far():
    rng = np.random.default_rng(8)
    counts = rng.integers(1, 5, 5_000).astype("float64")  # 1..4: under the threshold of 5
    keys = rng.integers(1, 2 ** 31, 5_000)
    shown = counts + count_noise(counts, keys, 5)
    assert ((shown >= 0) & (shown <= 4)).all()  # never published as 5 or more, never negative
    big = np.full(20_000, 200.0)
    noise = count_noise(big, rng.integers(1, 2 ** 31, 20_000), 5)
    assert np.abs(noise).max() <= MAX_NOISE
    assert abs(noise.mean()) < 0.1 and 3.7 < noise.var() < 4.3  # mean 0, variance 4 (SD 2)


def test_the_same_cell_gets_the_same_noise_in_every_view():
    counts, keys = np.array([12.0, 12.0, 40.0]), np.array([123456, 123456, 123456])
    a, b = count_noise(counts, keys, 5), count_noise(counts[::-1], keys[::-1], 5)
    assert a[0] == a[1] and list(a) == list(b[::-1])
