"""The Trivsel trend is drawn on a stable, stated range: one scale point from the half point below
the data, so 3,70-4,20 is not stretched over the whole chart height."""
from ui.trivsel.charts import honest_range


def test_one_scale_point_from_the_half_point_below():
    assert honest_range([3.70, 4.20]) == [3.5, 4.5]
    assert honest_range([3.95, 4.05]) == [3.5, 4.5]   # a wobble of 0,1 stays small
    assert honest_range([4.6, 4.9]) == [4.0, 5.0]     # never past the top of the scale
    assert honest_range([2.0, 4.4]) == [2.0, 4.5]     # wider data get the room they need
    assert honest_range([float("nan")]) == [1.0, 5.0]
