"""A small record built by hand, so the web tests do not wait on the extraction pipeline.

Three documents on Russia and Kazakhstan (one a transcript with speaker turns), one on Russia
and China; the claims include two values for trade in 2022 that disagree by 7%.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bilateral.model import (
    Agreement,
    Claim,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Role,
    Sentence,
    Span,
    TimeExpr,
    Turn,
)
from bilateral.store import Store

with warnings.catch_warnings():
    # Starlette asks for httpx2 on import; httpx (what the test extra installs) still works.
    warnings.filterwarnings("ignore", message=".*httpx2")
    from fastapi.testclient import TestClient

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

ENTITIES = {
    "country:RUS": Entity(
        "country:RUS", "country", "Russia", ("Russia", "Russian Federation"), "Q159", True
    ),
    "country:KAZ": Entity("country:KAZ", "country", "Kazakhstan", ("Kazakhstan",), "Q232", True),
    "country:CHN": Entity("country:CHN", "country", "China", ("China",), "Q148", True),
    "person:lavrov": Entity(
        "person:lavrov", "person", "Sergey Lavrov", ("Sergey Lavrov", "Lavrov"), None, True
    ),
    "person:tleuberdi": Entity(
        "person:tleuberdi", "person", "Mukhtar Tleuberdi", ("Mukhtar Tleuberdi",), None, True
    ),
    "person:putin": Entity(
        "person:putin", "person", "Vladimir Putin", ("Vladimir Putin",), None, True
    ),
    "organization:eaeu": Entity(
        "organization:eaeu",
        "organization",
        "Eurasian Economic Union",
        ("Eurasian Economic Union",),
        None,
        True,
    ),
    "organization:csto": Entity("organization:csto", "organization", "CSTO", ("CSTO",), None, True),
    "place:moscow": Entity("place:moscow", "place", "Moscow", ("Moscow",), None, True),
    "place:astana": Entity("place:astana", "place", "Astana", ("Astana",), None, True),
}

TEXT_1 = (
    "Sergey Lavrov held talks with Mukhtar Tleuberdi in Moscow on 9 June 2020.\n\n"
    "Trade between Russia and Kazakhstan reached $20 billion in 2019.\n\n"
    "Both countries work together in the Eurasian Economic Union and the CSTO.\n\n"
    "Vladimir Putin will visit Kazakhstan in 2021."
)
TEXT_2 = (
    "Sergey Lavrov: Trade between Russia and Kazakhstan reached $26 billion in 2022. "
    "We signed the Agreement on Visa-Free Travel in 2022.\n\n"
    "Question: What about the Eurasian Economic Union?\n\n"
    "Sergey Lavrov: Kazakhstan and Russia meet there often."
)
TEXT_3 = (
    "Trade between Russia and Kazakhstan reached $28 billion in 2022, Vladimir Putin wrote.\n\n"
    "Russia and Kazakhstan held a summit in Astana in November 2024."
)
TEXT_4 = "Russia and China discussed the CSTO and trade in Moscow."


def make_doc(
    doc_id: str,
    text: str,
    *,
    title: str,
    published: str | None,
    doc_type: str = "press_release",
    turns: tuple[Turn, ...] = (),
) -> Document:
    paragraphs = []
    pos = 0
    for part in text.split("\n\n"):
        start = text.index(part, pos)
        paragraphs.append(Span(start, start + len(part)))
        pos = start + len(part)
    sentences = []
    for i, p in enumerate(paragraphs):
        for m in re.finditer(r"[^.?!]+[.?!]?", text[p.start : p.end]):
            if m.group().strip():
                a = p.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
                turn = next((j for j, t in enumerate(turns) if t.start <= a < t.end), None)
                sentences.append(Sentence(a, p.start + m.end(), i, turn))
    return Document(
        id=doc_id,
        source=f"/corpus/{doc_id}.txt",
        text=text,
        title=title,
        published=published,
        published_precision="day" if published and len(published) == 10 else None,
        doc_type=doc_type,
        publisher="MFA Russia",
        speakers=tuple(dict.fromkeys(t.speaker for t in turns if t.role != "question")),
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        turns=turns,
    )


def ev(doc: Document, phrase: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return Evidence.of(doc, start, start + len(phrase))


def mentions(doc: Document) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    found: list[Mention] = []
    used: set[str] = set()
    taken: list[tuple[int, int]] = []
    aliases = sorted(
        ((a, e) for e in ENTITIES.values() for a in e.aliases), key=lambda x: -len(x[0])
    )
    for alias, entity in aliases:
        for m in re.finditer(re.escape(alias), doc.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Mention(doc.id, m.start(), m.end(), alias, entity.id, entity.type))
            used.add(entity.id)
    return (
        tuple(ENTITIES[i] for i in sorted(used)),
        tuple(sorted(found, key=lambda m: m.start)),
    )


def build_record(store: Store) -> dict[str, Document]:
    d1 = make_doc("doc1", TEXT_1, title="Lavrov talks with Tleuberdi", published="2020-06-09")
    turns = (
        Turn(0, TEXT_2.index("\n\nQuestion"), "Sergey Lavrov", "answer"),
        Turn(
            TEXT_2.index("Question"), TEXT_2.index("\n\nSergey Lavrov: Kaz"), "Question", "question"
        ),
        Turn(TEXT_2.index("Sergey Lavrov: Kaz"), len(TEXT_2), "Sergey Lavrov", "answer"),
    )
    d2 = make_doc(
        "doc2",
        TEXT_2,
        title="Press conference in Moscow",
        published="2023-04-11",
        doc_type="transcript",
        turns=turns,
    )
    d3 = make_doc("doc3", TEXT_3, title="Putin article", published="2024-11-27", doc_type="article")
    d4 = make_doc("doc4", TEXT_4, title="Russia and China", published="2022-01-05")
    extra: dict[str, dict[str, Any]] = {
        "doc1": {
            "events": (
                Event(
                    "ev:talks",
                    "talks",
                    "2020-06-09",
                    "day",
                    "occurred",
                    "place:moscow",
                    "in_person",
                    ("person:lavrov", "person:tleuberdi"),
                    "CONSULT",
                    "040",
                    (
                        ev(
                            d1,
                            "Sergey Lavrov held talks with Mukhtar Tleuberdi in Moscow on 9 June 2020.",
                        ),
                    ),
                ),
                Event(
                    "ev:visit",
                    "visit",
                    "2021",
                    "year",
                    "planned",
                    "country:KAZ",
                    "in_person",
                    ("person:putin", "country:KAZ"),
                    "AGREE",
                    "036",
                    (ev(d1, "Vladimir Putin will visit Kazakhstan in 2021."),),
                ),
            ),
            "claims": (
                Claim(
                    "cl:2019",
                    "bilateral trade",
                    20e9,
                    "USD",
                    None,
                    "2019",
                    ("country:RUS", "country:KAZ"),
                    None,
                    (ev(d1, "$20 billion in 2019"),),
                ),
            ),
            "roles": (
                Role(
                    "person:lavrov",
                    "Minister of Foreign Affairs",
                    "country:RUS",
                    "2020-06-09",
                    (ev(d1, "Sergey Lavrov"),),
                ),
                Role(
                    "person:tleuberdi",
                    "Minister of Foreign Affairs",
                    "country:KAZ",
                    "2020-06-09",
                    (ev(d1, "Mukhtar Tleuberdi"),),
                ),
            ),
            "times": (
                TimeExpr(
                    TEXT_1.index("9 June 2020"),
                    TEXT_1.index("9 June 2020") + 11,
                    "9 June 2020",
                    "2020-06-09",
                    "day",
                ),
            ),
        },
        "doc2": {
            "claims": (
                Claim(
                    "cl:2022a",
                    "bilateral trade",
                    26e9,
                    "USD",
                    None,
                    "2022",
                    ("country:RUS", "country:KAZ"),
                    "person:lavrov",
                    (ev(d2, "$26 billion in 2022"),),
                    "answer",
                ),
            ),
            "agreements": (
                Agreement(
                    "ag:visa",
                    "Agreement on Visa-Free Travel",
                    "agreement",
                    "2022",
                    ("country:RUS", "country:KAZ"),
                    (ev(d2, "Agreement on Visa-Free Travel"),),
                ),
            ),
            "events": (
                Event(
                    "ev:signing",
                    "signing",
                    "2022",
                    "year",
                    "occurred",
                    None,
                    None,
                    ("country:RUS", "country:KAZ"),
                    "SUPPORT",
                    "057",
                    (ev(d2, "We signed the Agreement on Visa-Free Travel in 2022."),),
                ),
            ),
            "roles": (
                Role(
                    "person:lavrov",
                    "Minister of Foreign Affairs",
                    "country:RUS",
                    "2023-04-11",
                    (ev(d2, "Sergey Lavrov"),),
                ),
            ),
        },
        "doc3": {
            "claims": (
                Claim(
                    "cl:2022b",
                    "bilateral trade",
                    28e9,
                    "USD",
                    None,
                    "2022",
                    ("country:RUS", "country:KAZ"),
                    "person:putin",
                    (ev(d3, "$28 billion in 2022"),),
                ),
            ),
            "events": (
                Event(
                    "ev:summit",
                    "summit",
                    "2024-11",
                    "month",
                    "occurred",
                    "place:astana",
                    "in_person",
                    ("country:RUS", "country:KAZ"),
                    "CONSULT",
                    "043",
                    (ev(d3, "Russia and Kazakhstan held a summit in Astana in November 2024."),),
                ),
            ),
            "roles": (
                Role(
                    "person:putin",
                    "President",
                    "country:RUS",
                    "2024-11-27",
                    (ev(d3, "Vladimir Putin"),),
                ),
            ),
        },
        "doc4": {
            "events": (
                Event(
                    "ev:rc",
                    "meeting",
                    "2022-01-05",
                    "day",
                    "occurred",
                    "place:moscow",
                    None,
                    ("country:RUS", "country:CHN"),
                    "CONSULT",
                    "040",
                    (ev(d4, "Russia and China discussed the CSTO and trade in Moscow."),),
                ),
            ),
        },
    }
    docs = {"doc1": d1, "doc2": d2, "doc3": d3, "doc4": d4}
    for i, doc in enumerate(docs.values()):
        entities, found = mentions(doc)
        parts = extra.get(doc.id, {})
        ex = Extraction(
            doc=doc.id,
            entities=entities,
            mentions=found,
            stages=("entities.v1", "events.v1", "claims.v1"),
            **parts,
        )
        store.add_document(doc, i, ex)
    return docs


def add_hostile(store: Store) -> Document:
    """A document whose text, title, entity names and extracted values are all markup."""
    text = (
        f"{XSS_SCRIPT} Russia and Kazakhstan met. {XSS_IMG}\n\n"
        f"Trade reached $5 billion in 2021 {XSS_SCRIPT}.\n\n"
        f'"><svg onload=alert(1)> {XSS_IMG} </textarea></script><script>alert(2)</script>'
    )
    doc = make_doc("hostile", text, title=XSS_SCRIPT + XSS_IMG, published="2021-03-01")
    evil = Entity("person:evil", "person", XSS_IMG, (XSS_SCRIPT,), None, False)
    start = text.index(XSS_IMG)
    ex = Extraction(
        doc="hostile",
        entities=(evil, ENTITIES["country:RUS"], ENTITIES["country:KAZ"]),
        mentions=(
            Mention("hostile", start, start + len(XSS_IMG), XSS_IMG, "person:evil", "person"),
            Mention("hostile", 0, len(XSS_SCRIPT), XSS_SCRIPT, "person:evil", "person"),
            Mention(
                "hostile",
                text.index("Russia"),
                text.index("Russia") + 6,
                "Russia",
                "country:RUS",
                "country",
            ),
            Mention(
                "hostile",
                text.index("Kazakhstan"),
                text.index("Kazakhstan") + 10,
                "Kazakhstan",
                "country:KAZ",
                "country",
            ),
        ),
        claims=(
            Claim(
                "cl:evil",
                XSS_SCRIPT,
                5e9,
                XSS_IMG,
                XSS_SCRIPT,
                "2021",
                ("country:RUS", "person:evil"),
                "person:evil",
                (ev(doc, "$5 billion in 2021 " + XSS_SCRIPT),),
            ),
        ),
        events=(
            Event(
                "ev:evil",
                "meeting",
                "2021",
                "year",
                "occurred",
                "person:evil",
                XSS_IMG,
                ("country:RUS", "country:KAZ", "person:evil"),
                XSS_SCRIPT,
                XSS_IMG,
                (ev(doc, XSS_SCRIPT + " Russia and Kazakhstan met. " + XSS_IMG),),
            ),
        ),
        agreements=(
            Agreement(
                "ag:evil",
                XSS_SCRIPT,
                XSS_IMG,
                "2021",
                ("country:RUS", "country:KAZ"),
                (ev(doc, XSS_SCRIPT, 1),),
            ),
        ),
        roles=(Role("person:evil", XSS_IMG, "country:KAZ", "2021", (ev(doc, XSS_IMG),)),),
    )
    store.add_document(doc, 99, ex)
    return doc


@pytest.fixture(scope="session")
def record_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("web") / "record.db"
    store = Store(db)
    build_record(store)
    store.close()
    return db


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    store = Store(db)
    build_record(store)
    add_hostile(store)
    store.close()
    return db


@pytest.fixture(scope="session")
def client(record_db: Path) -> Iterator[TestClient]:
    from bilateral.web.app import create_app

    with TestClient(create_app(str(record_db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_client(hostile_db: Path) -> Iterator[TestClient]:
    from bilateral.web.app import create_app

    with TestClient(create_app(str(hostile_db)), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """A client over an app of its own (a token, a small body limit, a fresh cache)."""
    from bilateral.web.app import create_app

    opened: list[TestClient] = []

    def make(db: Path, **kwargs: Any) -> TestClient:
        c = TestClient(create_app(str(db), **kwargs), raise_server_exceptions=False)
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.close()


MEMBER_TEXTS = {
    "m1": ("2019-05-01", "Russia and Kazakhstan met at the CIS summit."),
    "m2": ("2024-11-27", "Kazakhstan and Russia discussed NATO and the CIS."),
    "m3": ("2024-12-01", "Russia and China spoke about the SCO."),
}
MEMBER_ENTITIES = {
    "Russia": Entity("country:RUS", "country", "Russia", (), "Q159", True),
    "Kazakhstan": Entity("country:KAZ", "country", "Kazakhstan", (), "Q232", True),
    "China": Entity("country:CHN", "country", "China", (), "Q148", True),
    "CIS": Entity(
        "org:cis", "organization", "Commonwealth of Independent States", ("CIS",), None, True
    ),
    "NATO": Entity(
        "org:nato", "organization", "North Atlantic Treaty Organization", ("NATO",), None, True
    ),
    "SCO": Entity(
        "org:sco", "organization", "Shanghai Cooperation Organisation", ("SCO",), None, True
    ),
}


@pytest.fixture(scope="session")
def members_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A record whose ids are the knowledge base's, for the organisations both states belong to."""
    db = tmp_path_factory.mktemp("members") / "members.db"
    with Store(db) as store:
        for i, (doc_id, (published, text)) in enumerate(MEMBER_TEXTS.items()):
            found = [
                (m, MEMBER_ENTITIES[m.group()])
                for m in re.finditer("|".join(MEMBER_ENTITIES), text)
            ]
            store.add_document(
                make_doc(doc_id, text, title=f"Document {doc_id}", published=published),
                i,
                Extraction(
                    doc=doc_id,
                    entities=tuple({e.id: e for _, e in found}.values()),
                    mentions=tuple(
                        Mention(doc_id, m.start(), m.end(), m.group(), e.id, e.type)
                        for m, e in found
                    ),
                ),
            )
    return db
