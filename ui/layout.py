"""How a chart and a table are put on the page: our own theme (not Streamlit's), full width, Danish
export; on the projector tables are plain HTML, so they take the projector's large type."""
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"],
          "toImageButtonOptions": {"format": "png", "scale": 2, "filename": "indblik"}}


def chart(fig: go.Figure, key: str | None = None) -> None:
    st.plotly_chart(fig, theme=None, width="stretch", config=CONFIG, key=key)


def table(df: pd.DataFrame, projector: bool = False) -> None:
    """A small result table: sortable on screen; on the projector a static table in large type
    (Streamlit's interactive grid is drawn on a canvas that no style sheet can enlarge)."""
    if projector:
        st.table(df, hide_index=True)
    else:
        st.dataframe(df, hide_index=True, width="stretch")
