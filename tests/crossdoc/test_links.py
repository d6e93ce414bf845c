"""Links between a plan and what later documents say of it (crossdoc/links.py, store/links.py):
exact outputs on small documents, kept current incrementally, the same in any order."""

from __future__ import annotations

import itertools
from pathlib import Path

from bilateral.crossdoc.links import Item, link_documents, passage_span, passages, stem, terms
from bilateral.kb import KnowledgeBase
from bilateral.model import Document, Event, Evidence, Extraction, Mention, Plan, Position, Sentence
from bilateral.store import Store

RUS, KAZ = "country:RUS", "country:KAZ"
TEXTS = {
    "plan": (
        "The ministers agreed to open a branch of the Polar University in Kostanay. "
        "This will be done by the end of the year."
    ),
    "progress": (
        "A branch of the Polar University will open in Kostanay next spring, the minister said."
    ),
    "done": "The branch of the Polar University was opened in Kostanay on Monday.",
    "delay": "The opening of the Polar University branch in Kostanay was postponed to 2026.",
    "other": "The ministers discussed the weather and the football in Kostanay.",
}
PUBLISHED = {
    "plan": "2024-03-01",
    "progress": "2024-06-01",
    "done": "2025-02-03",
    "delay": "2025-01-10",
    "other": "2024-07-01",
}


def _sentences(text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            out.append(Sentence(start, i + 1, 0, None))
            start = i + 2
    return tuple(out)


def doc(name: str) -> Document:
    text = TEXTS[name]
    return Document(
        id=name,
        source=f"/x/{name}.txt",
        text=text,
        published=PUBLISHED[name],
        sentences=_sentences(text),
    )


def _mentions(d: Document) -> tuple[Mention, ...]:
    at = d.text.find("Kostanay")
    return (Mention(d.id, at, at + 8, "Kostanay", "place:kostanay", "place"),)


def extraction(name: str) -> Extraction:
    d = doc(name)
    first = d.sentences[0]
    ev = (Evidence.of(d, first.start, first.end),)
    if name == "plan":
        return Extraction(
            name,
            mentions=_mentions(d),
            plans=(Plan("plan:1", (RUS, KAZ), "open a branch", "2024", "planned", ev),),
        )
    if name == "progress":
        return Extraction(
            name,
            mentions=_mentions(d),
            positions=(Position("position:2", RUS, "support", None, "branch", ev),),
        )
    status = "occurred"
    return Extraction(
        name,
        mentions=_mentions(d),
        events=(
            Event(
                f"event:{name}", "meeting", None, None, status, None, None, (RUS, KAZ), "", "", ev
            ),
        ),
    )


def test_stems_meet_across_inflections() -> None:
    assert [stem(w) for w in ("branches", "opening", "universities", "opened")] == [
        "branch",
        "open",
        "university",
        "open",
    ]


def test_terms_are_words_pairs_and_entities_but_not_states_or_generic_words() -> None:
    text = "Russia and Kazakhstan will strengthen cooperation on the transport corridor."
    mentions = (
        Mention("d", 0, 6, "Russia", RUS, "country"),
        Mention("d", 11, 21, "Kazakhstan", KAZ, "country"),
    )
    assert terms(text, 0, mentions) == frozenset({"transport", "corridor", "transport corridor"})


def test_a_passage_runs_on_over_a_sentence_that_refers_back() -> None:
    d = doc("plan")
    first = d.sentences[0]
    start, end = passage_span(d, Evidence.of(d, first.start, first.end))
    assert d.text[start:end] == d.text  # "This will be done ..." refers back


def _passages(name: str) -> list:  # type: ignore[type-arg]
    d, ex = doc(name), extraction(name)
    items = [Item("plan", p.id, p.evidence[0], p.holders, p.status) for p in ex.plans]
    items += [
        Item("position", p.id, p.evidence[0], (p.holder,), stance=p.stance) for p in ex.positions
    ]
    return passages(d, items, ex.mentions, {})


def test_a_plan_and_a_later_restatement_are_linked_earlier_first() -> None:
    (link,) = link_documents(_passages("progress"), _passages("plan"))
    assert (link.from_evidence.doc, link.to_evidence.doc, link.relation) == (
        "plan",
        "progress",
        "restates",
    )
    assert link.from_item == "plan:1" and link.to_item == "position:2"
    assert link.terms == (
        "@place:kostanay",  # a one-word name counts as its entity alone
        "branch",
        "open",
        "polar",
        "polar university",
        "university",
    )


def test_unrelated_passages_are_not_linked() -> None:
    assert link_documents(_passages("plan"), _passages("other")) == []


def test_different_editions_of_one_recurring_thing_are_not_linked() -> None:
    def one(doc_id: str, text: str, kind: str) -> list:  # type: ignore[type-arg]
        d = Document(
            doc_id, f"/x/{doc_id}", text, published="2024-01-01", sentences=_sentences(text)
        )
        ev = Evidence.of(d, 0, len(text))
        return passages(d, [Item(kind, f"{kind}:{doc_id}", ev, (RUS,), "planned")], (), {})

    a = one("a", "The 17th Interregional Cooperation Forum will be held in Omsk.", "plan")
    b = one("b", "The 20th Interregional Cooperation Forum was opened in Omsk.", "event")
    c = one("c", "The 17th Interregional Cooperation Forum was opened in Omsk.", "event")
    assert link_documents(a, b) == []
    assert [link.relation for link in link_documents(a, c)] == ["fulfils"]


def _store(path: Path, names: list[str]) -> Store:
    store = Store(path, kb=KnowledgeBase(()))
    for name in names:
        store.add_document(doc(name), hash(name) & 0xFFFF, extraction(name))
    return store


def _links(store: Store) -> list[tuple[str, str, str, str]]:
    return [
        (link.from_evidence.doc, link.to_evidence.doc, link.relation, link.to_kind)
        for link in store.links()
    ]


def test_the_store_links_a_plan_to_its_fulfilment_and_postponement(tmp_path: Path) -> None:
    with _store(tmp_path / "l.db", list(TEXTS)) as store:
        # The restatement (a position supporting the branch, not a plan or a proposal) starts
        # no link of its own.
        assert _links(store) == [
            ("plan", "progress", "restates", "position"),
            ("plan", "done", "fulfils", "event"),
            ("plan", "delay", "postpones", "event"),
        ]


def test_links_are_the_same_whatever_order_and_after_re_extraction(tmp_path: Path) -> None:
    expected = None
    for n, order in enumerate(itertools.permutations(["plan", "progress", "done", "other"])):
        if n % 5:
            continue
        with _store(tmp_path / f"o{n}.db", list(order)) as store:
            found = _links(store)
            assert expected is None or found == expected
            expected = found
            store.save_extraction(extraction("plan"))
            assert _links(store) == found
            store.save_extraction(Extraction("plan"))  # the plan is gone: so are its links
            assert _links(store) == []


def test_names_alone_are_not_one_matter_but_common_words_are() -> None:
    def one(doc_id: str, text: str, kind: str, day: str) -> list:  # type: ignore[type-arg]
        d = Document(doc_id, f"/x/{doc_id}", text, published=day, sentences=_sentences(text))
        ev = Evidence.of(d, 0, len(text))
        return passages(d, [Item(kind, f"{kind}:{doc_id}", ev, (RUS,), "planned")], (), {})

    plan = one("a", "We will deepen ties within the Northern Grain Union.", "plan", "2024-01-01")
    named = one("b", "The Northern Grain Union admitted two members.", "event", "2024-03-01")
    assert link_documents(plan, named) == []
    plan = one("c", "We will build a grain terminal at the river port.", "plan", "2024-01-01")
    later = one("d", "The grain terminal at the river port is being built.", "event", "2024-03-01")
    assert [link.relation for link in link_documents(plan, later)] == ["restates"]


def test_a_source_that_says_it_was_done_is_history() -> None:
    text_a = "The two sides proposed the customs pact, which was signed in 2013 in the capital."
    text_b = "The customs pact signed in the capital remains the basis of trade."
    a = Document("a", "/x/a", text_a, published="2024-01-01", sentences=_sentences(text_a))
    b = Document("b", "/x/b", text_b, published="2024-05-01", sentences=_sentences(text_b))
    pa = passages(a, [Item("plan", "plan:a", Evidence.of(a, 0, len(text_a)), (RUS,))], (), {})
    pb = passages(b, [Item("event", "ev:b", Evidence.of(b, 0, len(text_b)), (RUS,))], (), {})
    assert link_documents(pa, pb) == []


def _one(doc_id: str, text: str, kind: str, day: str | None, holders: tuple[str, ...]) -> list:  # type: ignore[type-arg]
    d = Document(doc_id, f"/x/{doc_id}", text, published=day, sentences=_sentences(text))
    ev = Evidence.of(d, 0, len(text))
    return passages(d, [Item(kind, f"{kind}:{doc_id}", ev, holders, "planned")], (), {})


PLAN = "We will build a grain terminal at the river port."
LATER = "The grain terminal at the river port is being built."


def test_a_plan_is_linked_within_the_window_and_not_after_it() -> None:
    plan = _one("a", PLAN, "plan", "2020-06-09", (RUS,))
    within = _one("b", LATER, "event", "2024-11-27", (RUS,))
    after = _one("c", LATER, "event", "2026-01-10", (RUS,))
    undated = _one("d", LATER, "event", None, (RUS,))
    assert [link.relation for link in link_documents(plan, within)] == ["restates"]
    assert link_documents(plan, after) == []
    assert [link.to_evidence.doc for link in link_documents(plan, undated)] == ["d"]


def test_passages_of_two_states_that_share_none_are_not_linked() -> None:
    plan = _one("a", PLAN, "plan", "2024-01-01", (RUS, "org:un"))
    other = _one("b", LATER, "event", "2024-03-01", (KAZ, "org:un"))
    assert link_documents(plan, other) == []


def test_a_passage_naming_no_state_stands_for_its_documents_main_states() -> None:
    text = "Russia will build a grain terminal. The Grain Council will build a grain terminal."
    d = Document("a", "/x/a", text, published="2024-01-01", sentences=_sentences(text))
    first, second = d.sentences
    items = [
        Item("plan", "plan:1", Evidence.of(d, first.start, first.end), (RUS,)),
        Item("plan", "plan:2", Evidence.of(d, second.start, second.end), ("org:grain-council",)),
    ]
    assert [p.parties for p in passages(d, items, (), {})] == [
        frozenset({RUS}),
        frozenset({RUS}),
    ]


def test_the_store_finds_through_its_key_the_links_of_all_pairs(tmp_path: Path) -> None:
    """The blocking key loses no link: the store's links are those of every pair tried."""
    names = list(TEXTS)
    every = []
    for a, b in itertools.combinations(names, 2):
        every += link_documents(_passages_of(a), _passages_of(b))
    with _store(tmp_path / "k.db", names) as store:
        assert sorted(link.id for link in store.links()) == sorted(link.id for link in every)


def _passages_of(name: str) -> list:  # type: ignore[type-arg]
    d, ex = doc(name), extraction(name)
    items = [Item("plan", p.id, p.evidence[0], p.holders, p.status) for p in ex.plans]
    items += [
        Item("position", p.id, p.evidence[0], (p.holder,), stance=p.stance) for p in ex.positions
    ]
    items += [
        Item("event", e.id, e.evidence[0], e.participants, e.status, None, e.date)
        for e in ex.events
    ]
    return passages(d, items, ex.mentions, {})
