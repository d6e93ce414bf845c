from __future__ import annotations

import pytest

from bilateral.model import Document, Sentence
from bilateral.query.errors import QueryError
from bilateral.query.search import parse_query, search
from bilateral.store import Store


def test_bare_words_are_quoted_for_fts5() -> None:
    assert parse_query("Russia-Kazakhstan trade").match == '"Russia Kazakhstan" AND "trade"'
    assert parse_query('"Caspian Pipeline" OR CPC').match == '"Caspian Pipeline" OR "CPC"'
    assert parse_query("integr*").match == '"integr"*'
    assert parse_query("(gas OR oil) NOT coal").match == '( "gas" OR "oil" ) NOT "coal"'


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("", "empty search query"),
        ('"Caspian', "unbalanced double quote"),
        ("(gas", "unbalanced parentheses"),
        ("gas)", "misplaced ')'"),
        ("OR gas", "needs a word before it"),
        ("gas AND", "ends with an operator"),
        ("!!! ...", "no searchable words"),
    ],
)
def test_malformed_queries_say_why(query: str, reason: str) -> None:
    with pytest.raises(QueryError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_query(query)


def _doc(
    doc_id: str, text: str, title: str, published: str | None, doc_type: str = "other"
) -> Document:
    sentences = []
    start = 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        sentences.append(Sentence(start, min(end, len(text)), 0))
        start = end + 1
    return Document(
        doc_id,
        f"/{doc_id}.txt",
        text,
        title,
        published,
        "day",
        doc_type,
        sentences=tuple(sentences),
    )


def test_ranking_snippet_offsets_and_filters() -> None:
    store = Store(":memory:")
    store.add_document(
        _doc(
            "a",
            "Oil flows. The Caspian Pipeline Consortium carries oil to the Black Sea.",
            "Energy",
            "2024-11-27",
            "article",
        ),
        0,
    )
    store.add_document(
        _doc("b", "The Caspian Sea is large. Pipelines are many.", "Seas", "2020-06-09"), 0
    )
    hits = search(store, "Caspian Pipeline Consortium")
    assert [h.doc for h in hits] == ["a"]
    hit = hits[0]
    text = store.get_document("a").text  # type: ignore[union-attr]
    assert text[hit.start : hit.end] == hit.snippet
    assert hit.snippet.startswith("The Caspian Pipeline Consortium")
    assert [text[a:b] for a, b in hit.highlights] == ["Caspian", "Pipeline", "Consortium"]
    assert [h.doc for h in search(store, "Caspian")] != []
    assert [h.doc for h in search(store, "Caspian", date_to="2021")] == ["b"]
    assert [h.doc for h in search(store, "Caspian", doc_type="article")] == ["a"]


def _segments(text: str, bounds: list[tuple[int, int]]) -> str:
    import json

    return json.dumps({"sentences": [[a, b, 0, None] for a, b in bounds]})


def test_best_passage_prefers_the_sentence_with_most_terms() -> None:
    from bilateral.query.search import best_passage

    text = "Trade grew. Trade with Kazakhstan grew fast. Kazakhstan votes."
    start, end, marks = best_passage(
        text, _segments(text, [(0, 11), (12, 44), (45, 62)]), ("trade", "kazakhstan")
    )
    assert text[start:end] == "Trade with Kazakhstan grew fast."
    assert [text[a:b] for a, b in marks] == ["Trade", "Kazakhstan"]


def test_best_passage_matches_word_starts_only_and_skips_function_words() -> None:
    from bilateral.query.search import best_passage

    text = "The untrade of it. Trades of the Caspian States."
    start, end, marks = best_passage(
        text, _segments(text, [(0, 18), (19, 48)]), ("trade", "of", "the")
    )
    assert text[start:end] == "Trades of the Caspian States."
    assert [text[a:b] for a, b in marks] == ["Trades"]


def test_best_passage_offsets_hold_when_lower_case_is_longer() -> None:
    from bilateral.query.search import best_passage

    # "İ".lower() is two code points: offsets must still index the original text.
    text = "İstanbul talks. Talks on İzmir trade."
    start, end, marks = best_passage(text, _segments(text, [(0, 15), (16, 37)]), ("izmir", "trade"))
    assert text[start:end] == "Talks on İzmir trade."
    assert [text[a:b] for a, b in marks] == ["İzmir", "trade"]


@pytest.mark.parametrize(
    ("query", "match"),
    [
        (
            "Food and Agriculture Organization of the United Nations",
            '"Food" AND "Agriculture" AND "Organization" AND "United" AND "Nations"',
        ),
        ("The Hague", '"Hague"'),
        ('"Bank of Russia"', '"Bank of Russia"'),
        ("the", '"the"'),
        ("trade OR the", '"trade" OR "the"'),
        ("war AND the", '"war" AND "the"'),
    ],
)
def test_bare_function_words_are_dropped_only_where_they_filter_nothing(
    query: str, match: str
) -> None:
    assert parse_query(query).match == match


def test_term_hits_across_lower_case_windows() -> None:
    from bilateral.query import search as s

    # Hits far past the first window, at window edges and in a word broken by no space.
    filler = "Delegates discussed various matters at length. " * 200
    text = filler + "Trade talks; TRADER trades. " + filler + "Xtrade trade_x Trade"
    hits = [(a, b, k) for a, b, k in s._term_hits(text, ["trade"])]
    words = [text[a:b] for a, b, _ in hits]
    assert words == ["Trade", "TRADER", "trades", "trade_x", "Trade"]
    assert hits[-1][:2] == (len(text) - 5, len(text))
    # The same hits as one case-insensitive pass over the whole text.
    assert hits == list(s._term_hits_unfolded(text, ["trade"], 0, len(text)))


def test_term_hits_take_the_longest_stem_at_a_word_start_in_text_order() -> None:
    from bilateral.query import search as s

    text = "Traders met. The trade pact and contracts on trade_marks; a tradition."
    # "trade" and "tra" both begin "Traders" and "trade": the longer, listed first, is the hit;
    # "contracts" holds "tra" off a word start, "trade_marks" is one word.
    hits = [(text[a:b], k) for a, b, k in s._term_hits(text, ["trade", "tra"])]
    assert hits == [("Traders", 0), ("trade", 0), ("trade_marks", 0), ("tradition", 1)]
    assert list(s._term_hits(text, ["trade", "tra"])) == list(
        s._term_hits_unfolded(text, ["trade", "tra"], 0, len(text))
    )
