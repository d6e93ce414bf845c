"""The SQL pieces every listing is built from, run against SQLite itself."""

from __future__ import annotations

import sqlite3

import pytest

from bilateral.query.errors import QueryError
from bilateral.query.filters import Where, check_date, order_by

VALUES = ["2019-11/2020-02", "2020/2021", "2020", "2020-06-09", "2021-01-05", None]


def kept(where: Where) -> list[str | None]:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (date TEXT, n INTEGER)")
    db.executemany("INSERT INTO t VALUES (?, ?)", [(v, i) for i, v in enumerate(VALUES)])
    return [r[0] for r in db.execute(f"SELECT date FROM t{where.sql} ORDER BY n", where.args)]


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2020-06", None, ["2020/2021", "2020", "2020-06-09", "2021-01-05"]),
        (None, "2020-06", ["2019-11/2020-02", "2020/2021", "2020", "2020-06-09"]),
        ("2020-03", "2020-12", ["2020/2021", "2020", "2020-06-09"]),
        ("2021-02", None, ["2020/2021"]),
        (None, "2019", ["2019-11/2020-02"]),
    ],
)
def test_dates_and_intervals_overlap_on_their_shared_prefix(
    date_from: str | None, date_to: str | None, expected: list[str]
) -> None:
    assert kept(Where().dates("date", date_from, date_to, intervals=True)) == expected


def test_plain_dates_compare_on_their_shared_prefix() -> None:
    found = kept(Where().dates("date", "2020-06", "2020"))  # for columns without intervals
    assert [d for d in found if d and "/" not in d] == ["2020", "2020-06-09"]


def test_empty_filters_add_nothing() -> None:
    where = Where().equals("date", "").contains(("date",), None).holds("date", None, "")
    assert (where.sql, where.args) == ("", [])
    assert kept(Where().contains(("date",), "%")) == []  # a wildcard is a literal


def test_sort_keys_and_dates_are_checked() -> None:
    assert order_by("-d", {"d": "t.date"}, "d", "t.n") == "t.date IS NULL, t.date DESC, t.n"
    with pytest.raises(QueryError, match="unknown sort key 'x': use one of d"):
        order_by("x", {"d": "t.date"}, "d", "t.n")
    assert check_date("", "from") is None
    with pytest.raises(QueryError, match="from 'June' is not a date"):
        check_date("June", "from")
