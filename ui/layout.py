"""How a chart is put on the page: our own theme (not Streamlit's), full width, Danish export."""
import plotly.graph_objects as go
import streamlit as st

CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
          "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "indblik"}}


def chart(fig: go.Figure, key: str | None = None) -> None:
    st.plotly_chart(fig, theme=None, width="stretch", config=CONFIG, key=key)
