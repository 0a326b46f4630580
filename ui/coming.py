"""An honest placeholder for a page whose capability is not built yet."""
import streamlit as st

from ui.view import View


def coming(title: str, what_da: list[str], what_en: list[str], view: View) -> None:
    st.title(title)
    st.info(view.tr("Denne side er ikke bygget endnu. Der vises ingen tal her, før de kan beregnes fra data.",
                    "This page is not built yet. No figures are shown here until they can be computed from data."),
            icon=":material/construction:")
    st.markdown(view.tr("**Det kommer her:**", "**What is coming here:**"))
    st.markdown("\n".join(f"- {w}" for w in (what_da if view.lang == "da" else what_en)))
