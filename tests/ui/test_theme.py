"""Large type on the projector must not cut axis titles off: long vertical titles are broken over lines."""
import plotly.graph_objects as go

from ui.theme import apply
from ui.view import View


def _fig(title: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=["2024/25"], y=[0.01]))
    fig.update_yaxes(title_text=title)
    return fig


def test_long_y_title_is_broken_over_lines_on_the_projector_only():
    title = "Andel af 0. klasse i specialtilbud"  # 34 characters; at 26 px about 530 px long
    big = apply(_fig(title), View(projector=True), height=380)  # 551 px tall: a plot area of about 300 px
    # lines of at most 19 characters (0,6 em each): 19 × 0,6 × 26 px = 296 px
    assert big.layout.yaxis.title.text == "Andel af 0. klasse<br>i specialtilbud"
    assert apply(_fig(title), View(projector=False), height=380).layout.yaxis.title.text == title
    assert apply(_fig("Gennemsnit"), View(projector=True), height=380).layout.yaxis.title.text == "Gennemsnit"
