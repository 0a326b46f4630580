"""The Overgange page through AppTest on the hand-made fixture, asserting on what a user sees.
Figures are worked out by hand in tests/queries/test_overgange.py (and repeated here)."""
import json
import pytest

from tests.helpers import subheaders, texts


def test_overgange_shows_hand_computed_headlines(app):
    at = app("overgange")
    heads = subheaders(at)
    # 2025 all municipalities: 65 of 84 ordinary = 77,4 %; 19/84 = 22,6 %; landstal 1 - 0,056 = 94,4 %
    assert ("Inklusionsgraden er 77,4 % i 2025/26 (n=84): 22,6 % af eleverne går i et specialtilbud. "
            "Landstallet er 94,4 %.") in heads
    # tilgang 2025: 0 of 36 ordinary last year (S20, 1001, 1008, B6, 1003, 1007, G6); afgang 0 of 9
    assert "I 2025/26 var tilgangen 0,0 % (0 af 36), og afgangen 0,0 % (0 af 9)." in heads
    # return: 10 entered, 1 back after 1 year: a group of 1, so the share back is not shown (nor 2 years: 2 followed)
    assert ("Af de 10 børn, der kom i specialtilbud, kan tilbagevenden efter et år ikke vises: for få er fulgt så "
            "længe, eller de, der er kommet tilbage, er en lille gruppe.") in heads
    # school start 2025: 11 of 40 = 27,5 %; 6 came from the ordinary dagtilbud
    assert ("I 2025/26 startede 27,5 % af børnene i 0. klasse i et specialtilbud (11 af 40). "
            "6 af dem kom direkte fra et almindeligt dagtilbud.") in heads
    # funnel: Beta and Gamma each sent 1 child -> hidden, each named with why
    assert "Ikke vist: Beta Skole (færre end 5), Gamma Skole (færre end 5)" in texts(at)
    # Alfa, the one school shown, sent 8 of its 29 children against 10 of 46 overall: exact two-sided
    # p = 0.57, within noise — said in words
    assert "Ingen institution afviger mere, end tilfældigheder kan forklare." in texts(at)
    # one school shown: never "0 af 1 skoler", but Alfa placed against the whole: 8 of 29 = 27,6 % against
    # the overall 10 of 46 children = 21,7 %, within noise (p = 0.57 above)
    assert ("2022/23-2025/26: Alfa Skole ligger på 27,6 % og kan ikke skelnes fra den samlede andel 21,7 %.") in heads
    assert "tælledagen (5. september)" in texts(at)  # the count date, in words, in the definitions
    assert len(at.get("plotly_chart")) >= 6
    assert len(at.expander) >= 6  # a definition next to every chart


def test_sankey_hides_small_links_and_says_so(app):
    at = app("overgange", kommune="530")
    at.selectbox(key="overgange_pair").set_value(2024).run()
    heads = subheaders(at)
    # Billund 2023 -> 2024: E5 moved to specialklasse (shown); 1001 came back (1 child: fewer than 5)
    assert "Fra 2023/24 til 2024/25 gik 5 elever fra almenklasse til et specialtilbud, og færre end 5 kom tilbage." in heads
    body = texts(at)
    assert "Ind i kommunen → Almen (færre end 5)" in body and "Specialklasse → Almen (færre end 5)" in body
    # the 26 who stayed ordinary (S20 + B6) would dwarf the moves: said in words, not drawn
    assert "Ikke tegnet, så skiftene kan ses: 26 elever gik i almenklasse begge år." in body
    sankey = next(json.loads(c.proto.spec) for c in at.get("plotly_chart")
                  if json.loads(c.proto.spec)["data"][0]["type"] == "sankey")
    assert 26 not in sankey["data"][0]["link"]["value"] and 5 in sankey["data"][0]["link"]["value"]
    # Billund 2025: 59/77 = 76,6 %
    assert any(h.startswith("Inklusionsgraden er 76,6 % i 2025/26 (n=77)") for h in heads)


def test_a_second_viewer_gets_the_same_charts_as_the_first(app):
    """Each figure is drawn once and its Plotly dict kept (ui.section._spec): a second session of the same link gets
    the same charts, the Sankey's moves among them, and another year's Sankey is its own."""
    def specs(at):
        return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    first, second = app("overgange", kommune="530"), app("overgange", kommune="530")
    assert specs(first) == specs(second) and len(specs(first)) >= 6
    second.selectbox(key="overgange_pair").set_value(2024).run()
    sankeys = [next(d for d in specs(at) if d["data"][0]["type"] == "sankey") for at in (first, second)]
    assert 5 in sankeys[1]["data"][0]["link"]["value"] and sankeys[0] != sankeys[1]


def test_small_selection_is_suppressed(app):
    at = app("overgange", inst="2")  # Beta: 8 ordinary + 1005 sent to special -> 1 segregated
    heads = subheaders(at)
    assert "Inklusionsgraden i 2025/26 vises ikke: for få elever i udsnittet (under 5)." in heads
    assert "Tilbagevenden vises ikke: færre end 5 børn kom i specialtilbud." in heads
    assert "88,9 %" not in texts(at)  # 8/9 must not leak


def test_english(app):
    at = app("overgange", lang="en")
    assert at.title[0].value == "Transitions"
    heads = subheaders(at)
    # the same hand-computed figures as in Danish, with English separators (77.4%, not 77,4 %)
    assert ("The inclusion rate is 77.4% in 2025/26 (n=84): 22.6% of pupils are in special provision. "
            "The national figure is 94.4%.") in heads
    assert "In 2025/26, entries were 0.0% (0 of 36) and returns were 0.0% (0 of 9)." in heads
    assert ("In 2025/26, 27.5% of children started grade 0 in special provision (11 of 40). "
            "6 of them came directly from an ordinary day-care.") in heads
    assert "Not shown: Beta Skole (fewer than 5), Gamma Skole (fewer than 5)" in texts(at)
    assert "count date (5 September)" in texts(at) and "tælledagen" not in texts(at)


@pytest.mark.parametrize("link", [dict(inst="13"), dict(trin="0-0"), dict(aar="2022-2022"), dict(kommune="530")])
def test_empty_funnel_is_said_in_a_sentence(app, link):
    """No school to compare (a special school, 0. klasse only, a single year without transitions, or
    every school hidden): the section says so instead of failing or drawing empty axes."""
    at = app("overgange", **link)  # the fixture fails on any exception
    assert "Skolerne kan ikke sammenlignes her: for få elever eller overgange." in subheaders(at)
    assert "Ingen skole har nok elever og overgange til at blive vist." in [i.value for i in at.info]


@pytest.mark.parametrize("dim", ["institution", "klassetrin", "koen"])
def test_split_by_every_dimension(app, dim):
    at = app("overgange")
    at.segmented_control(key="overgange_dim").set_value(dim).run()
    assert not at.exception
    if dim == "koen":  # boys 34/46 = 73,9 %, girls 31/38 = 81,6 %
        assert "I 2025/26 er inklusionsgraden lavest for Drenge (73,9 %) og højest for Piger (81,6 %)." in subheaders(at)
    if dim == "klassetrin":  # 0. klasse 29/40 = 72,5 %; 6. klasse: 1003 + B6 = 7 of 7 = 100 %
        assert "I 2025/26 er inklusionsgraden lavest for 0. klasse (72,5 %) og højest for 6. klasse (100,0 %)." in subheaders(at)


@pytest.mark.parametrize("query", [dict(inst="13"), dict(trin="0-0"), dict(trin="10-10"), dict(aar="2016-2016")])
def test_empty_selections_are_said_in_words_never_an_exception(app, query):
    # the special school (13) sends no one; 0. and 10. klasse have no transitions; 2016 has no data
    at = app("overgange", **query)
    assert not at.exception
    # every section still says what it can — or, with no pupil at all (no 10. klasse here), the page says so once
    assert len(subheaders(at)) >= 5 or [i.value for i in at.info] == ["Der er ingen elever i det valgte udsnit. Udvid filtrene."]


def test_a_special_school_says_its_flows_are_too_small_not_that_there_are_none(app):
    at = app("overgange", inst="13")  # Specialskolen Billund: 1002 and 1005 in 2024, SS5 + 1005 in 2025
    heads = subheaders(at)
    assert "Ingen elever at følge fra 2024/25 til 2025/26." not in heads
    assert "Strømmene fra 2024/25 til 2025/26 vises ikke: hver af dem har færre end 5 børn." in heads
