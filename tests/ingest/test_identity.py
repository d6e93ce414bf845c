from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bilateral.ingest.clean import clean
from bilateral.ingest.identity import (
    NEAR_DUPLICATE_BITS,
    doc_id,
    fingerprint,
    hamming,
    near_duplicate,
    signed,
)


def _seed(seeds_dir: Path, name: str) -> str:
    return clean(next(seeds_dir.glob(f"{name}_*.txt")).read_text(encoding="utf-8"))


def test_doc_id_is_a_content_hash() -> None:
    expected = hashlib.sha256(b"The ministers met.").hexdigest()[:16]
    assert doc_id("The ministers met.") == expected
    assert doc_id("The ministers met.") != doc_id("The ministers met")
    assert doc_id("") == "e3b0c44298fc1c14"  # sha256 of nothing


def test_same_text_same_fingerprint() -> None:
    text = "The ministers discussed trade, energy and transport. " * 20
    assert fingerprint(text) == fingerprint(text)
    assert 0 <= fingerprint(text) < 1 << 64
    assert fingerprint("") == 0


def test_small_edits_stay_near(seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "002")
    edited = text.replace("absolute priority", "top priority").replace(
        "Source: The Ministry", "Source: the Ministry"
    )
    assert edited != text
    assert hamming(fingerprint(text), fingerprint(edited)) <= NEAR_DUPLICATE_BITS
    with_header = "Official reprint\n\n" + text + "\n\nShare this page"
    assert near_duplicate(fingerprint(text), fingerprint(with_header))


def test_different_documents_are_far(seeds_dir: Path) -> None:
    prints = [fingerprint(_seed(seeds_dir, n)) for n in ("000", "001", "002", "003", "004")]
    distances = [hamming(a, b) for i, a in enumerate(prints) for b in prints[i + 1 :]]
    assert min(distances) > 10


def test_case_and_punctuation_do_not_matter() -> None:
    text = "Russia and Kazakhstan signed the treaty on good neighbourliness and alliance. " * 10
    assert fingerprint(text) == fingerprint(text.upper().replace(".", ","))


def test_signed_and_hamming() -> None:
    fp = (1 << 64) - 1
    assert signed(fp) == -1
    assert signed(5) == 5
    assert hamming(fp, 0) == 64
    assert hamming(signed(fp), fp) == 0  # a stored (signed) print compares with a fresh one
    assert hamming(0b1011, 0b0001) == 2


def test_the_index_finds_every_print_within_the_threshold() -> None:
    import random

    from bilateral.ingest.identity import NEAR_DUPLICATE_BITS
    from bilateral.workflow import NearDuplicateIndex

    rnd = random.Random(5)
    base = rnd.getrandbits(64)
    index = NearDuplicateIndex([("a", base)])
    for _ in range(300):
        flips = rnd.sample(range(64), NEAR_DUPLICATE_BITS)
        fp = base
        for bit in flips:
            fp ^= 1 << bit
        assert index.near(fp) == [("a", NEAR_DUPLICATE_BITS)]
    far = base ^ ((1 << (NEAR_DUPLICATE_BITS + 1)) - 1)
    assert index.near(far) == []


def test_fingerprints_are_pinned() -> None:
    # Stored prints are compared with fresh ones: a faster implementation must give the same
    # bits (a word past 255 bytes, another script, fewer words than a shingle).
    assert fingerprint("The ministers met in Astana.") == 1155174205898197024
    assert fingerprint("Встреча министров прошла в Астане.") == 14998112818780185856
    assert fingerprint("x" * 300 + " and more words here") == 36221237660758240
    assert fingerprint("a b") == 11480162511800939284


def test_word_hashes_by_prefix_sums_equal_the_definition() -> None:
    import numpy as np

    from bilateral.ingest import identity

    words = ["a", "Ab", "x" * 255, "y" * 256, "z" * 257, "w" * 600, "Trade", "торговля", "über"]
    text = " ".join(words) + ", and so on. " + "-".join(words)
    data = np.frombuffer(text.lower().encode("utf-8"), dtype=np.uint8)
    fast = identity._word_hashes(data)
    direct = identity._word_hashes_direct(data)
    assert fast.tolist() == direct.tolist()
    assert len(fast) == 2 * len(words) + 3


def test_lowered_utf8_is_the_lowered_text_in_utf8() -> None:
    from bilateral.ingest.identity import lowered_utf8

    # Only punctuation outside ASCII: the bytes are lowered; a letter with a case outside
    # ASCII (Cyrillic, an accented capital, a dotted I, a final sigma): the text is.
    for text in (
        "The Minister’s visit — “a success”",
        "Встреча в Астане",
        "Élysée Palace",
        "İstanbul",
        "ΟΔΟΣ",
        "",
    ):
        assert lowered_utf8(text) == text.lower().encode("utf-8")
    assert lowered_utf8("Trade – 5%") == b"trade \xe2\x80\x93 5%"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_lowered_utf8_for_any_text(text: str) -> None:
    from bilateral.ingest.identity import lowered_utf8

    assert lowered_utf8(text) == text.lower().encode("utf-8")
