from bilateral.extract.text.spans import ByOffset


def test_between_and_last_before() -> None:
    ends = ByOffset([(5, "b"), (1, "a"), (9, "c"), (5, "b2")], key=lambda p: p[0])
    assert list(ends.between(1, 9)) == [(1, "a"), (5, "b"), (5, "b2")]
    assert list(ends.between(6, 9)) == []
    assert ends.last_before(5) == (5, "b2")
    assert ends.last_before(4) == (1, "a")
    assert ends.last_before(0) is None
    assert len(ends) == 4
