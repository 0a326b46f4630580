"""The pejlemærke status rule at its boundaries (stats.targets)."""
from stats.targets import NO_DATA, NOT_REACHED, ON_THE_WAY, REACHED, status


def test_reached_only_when_the_whole_interval_is_at_or_beyond_the_target():
    assert status(0.95, "higher", 0.96, 0.95, 0.97) == REACHED          # the low end exactly on the target
    assert status(0.95, "higher", 0.96, 0.949, 0.97) == ON_THE_WAY      # a hair below: the data cannot tell
    assert status(0.034, "lower", 0.030, 0.028, 0.034) == REACHED       # lower is better: the high end on it
    assert status(0.034, "lower", 0.030, 0.028, 0.0341) == ON_THE_WAY


def test_not_reached_when_the_whole_interval_is_short_and_it_did_not_move_towards_it():
    assert status(4.05, "higher", 3.90, 3.85, 3.95, previous=3.92) == NOT_REACHED   # fell
    assert status(4.05, "higher", 3.90, 3.85, 3.95, previous=3.90) == NOT_REACHED   # stood still
    assert status(4.05, "higher", 3.90, 3.85, 3.95, previous=3.80) == ON_THE_WAY    # moved towards it
    assert status(4.05, "higher", 3.90, 3.85, 4.05) == ON_THE_WAY                   # the high end on the target
    assert status(4.05, "higher", 3.90, 3.85, 3.95) == NOT_REACHED                  # no year before
    assert status(0.034, "lower", 0.040, 0.036, 0.044, previous=0.045) == ON_THE_WAY


def test_no_data_and_a_value_without_an_interval():
    assert status(0.5, "higher", float("nan")) == NO_DATA and status(0.5, "higher", None) == NO_DATA
    assert status(0.5, "higher", 0.5) == REACHED and status(0.5, "higher", 0.49) == NOT_REACHED
