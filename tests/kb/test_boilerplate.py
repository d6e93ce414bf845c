from __future__ import annotations

import pytest

from bilateral.kb.boilerplate import load_boilerplate, parse_boilerplate


def test_packaged_vocabulary() -> None:
    data = load_boilerplate()
    assert "Share" in data.menu_lines and "Поделиться" in data.menu_lines
    assert "EN" in data.language_codes and "Русский" in data.language_names


@pytest.mark.parametrize(
    ("menu", "message"),
    [
        ("[share]", "must start with a capital"),
        ("['Share (']", "bad pattern"),
        ("[{Share: x}]", "must be a list of strings"),
    ],
)
def test_bad_data_is_refused(menu: str, message: str) -> None:
    text = f"menu_lines: {menu}\nlanguages: {{codes: [EN], names: [English]}}\nsite_lines: [x]\n"
    with pytest.raises(ValueError, match=message):
        parse_boilerplate(text)
