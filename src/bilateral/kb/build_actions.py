"""The verb lexicon of coded actions: ``python -m bilateral.kb.build_actions``.

    python -m bilateral.kb.build_actions [--shared ../shared] [--out src/bilateral/kb/data]

Reads, in place, the CAMEO verb dictionary of PETRARCH-2 (``lexicons/petrarch2/CAMEO.2.0.txt``,
MIT licence, Open Event Data Alliance) and the CAMEO to PLOVER table
(``lexicons/plover/CAMEO2PLOVER-2021.txt``, CC BY-SA 4.0, Open Event Data Alliance), and writes
``actions.generated.json``, which ``bilateral.extract.actions.lexicon`` loads:

- ``codes``: every CAMEO code of the table with its PLOVER category, mode and contexts;
- ``forms``: each inflected verb form (lower case) -> the verb blocks it opens, with the words a
  multi-word verb needs before and after it ("call off", "hand over");
- ``blocks``: per verb block, its default code, the own codes of its verbs and its patterns
  (the nouns and prepositional phrases after the verb, the nouns before it, and the code).

1. Synonym sets (``&FOOD``) are expanded into the patterns as alternatives, with the regular
   plurals the dictionary's rules give them.
2. A verb's regular forms are generated (PETRARCH's rules: -s, -ed, -ing, doubled final
   consonants for listed irregulars only); ``{...}`` lists the irregular ones.
3. Patterns keep only words: the actor markers ``$ + % ^`` stand for no word, and a code written
   ``A:B`` (an event and its reciprocal) keeps A.
4. Codes the PLOVER table lacks (CAMEO 01 statements, 02 appeals) stay in the lexicon with an
   empty category: a verb that only says (``said``, ``announced``) hands its clause's code on.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent / "data"
OUT_NAME = "actions.generated.json"

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")


def _plural(word: str) -> list[str]:
    if word.endswith("_"):
        return [word[:-1]]
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word, word[:-1] + "ies"]
    if word.endswith("s") and not word.endswith("ss"):
        return [word]  # already plural ("troops", "forces")
    if word.endswith(("ss", "x", "ch", "sh")):
        return [word, word + "es"]
    return [word, word + "s"]


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """&NAME -> its phrases (lower case, words joined by spaces), plurals added."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("####### VERB PATTERNS"):
            break
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current:
            word = line[1:].split()[0].lower()
            forms = [word.rstrip("_")] if current.endswith("_") else _plural(word)
            sets[current] += [f.replace("_", " ").strip() for f in forms]
    return sets


def verb_forms(base: str) -> list[str]:
    """The regular forms of a verb in PETRARCH's manner: base, -s, -ed, -ing."""
    b = base
    if b.endswith("e"):
        ed, ing = b + "d", b[:-1] + "ing"
    elif b.endswith("y") and len(b) > 2 and b[-2] not in "aeiou":
        ed, ing = b[:-1] + "ied", b + "ing"
    else:
        ed, ing = b + "ed", b + "ing"
    if b.endswith(("s", "x", "z", "ch", "sh")):
        s = b + "es"
    elif b.endswith("y") and len(b) > 2 and b[-2] not in "aeiou":
        s = b[:-1] + "ies"
    else:
        s = b + "s"
    return [b, s, ed, ing]


def _verb_entry(line: str) -> tuple[list[tuple[str, list[str], list[str]]], str | None]:
    """One verb line -> ([(form of the verb word, words before, words after)], own code)."""
    code_m = _CODE.search(line)
    own = code_m.group(1).strip() if code_m else None
    body = _CODE.sub("", line)
    irregular: list[str] = []
    m = re.search(r"\{([^}]*)\}", body)
    if m:
        irregular = m.group(1).split()
        body = body[: m.start()] + body[m.end() :]
    head = body.split()[0] if body.split() else ""
    if not head:
        return [], own

    def split(phrase: str) -> tuple[str, list[str], list[str]] | None:
        words = phrase.lower().strip("_").split("_")
        marked = [i for i, w in enumerate(words) if w.startswith("+")]
        at = marked[0] if marked else 0
        words = [w.lstrip("+") for w in words]
        if not words[at]:
            return None
        return words[at], words[:at], words[at + 1 :]

    first = split(head)
    if first is None:
        return [], own
    verb, before, after = first
    out = [(f, before, after) for f in verb_forms(verb)] if not m else [(verb, before, after)]
    for phrase in irregular:
        got = split(phrase)
        if got:
            out.append(got)
    return out, own


def _norm_code(raw: str) -> str | None:
    """``042:043`` -> 042; ``:173`` -> 173; ``---`` -> None."""
    for part in raw.split(":"):
        part = part.strip()
        if part and part != "---" and part.isdigit():
            return part
    return None


def _element(tok: str, synsets: dict[str, list[str]]) -> list[str] | None:
    """A pattern word -> its alternatives (lower case); None for the actor markers."""
    tok = tok.strip()
    if not tok or tok in {"$", "+", "%", "^", "*"} or tok.startswith(("$", "%", "^")):
        return None
    if tok.startswith("&"):
        return synsets.get(tok.rstrip("_")) or synsets.get(tok) or None
    word = tok.lower().replace("_", " ").strip()
    return [word] if word and re.fullmatch(r"[a-z0-9' -]+", word) else None


def _part(text: str, synsets: dict[str, list[str]]) -> list[list[str]]:
    """The words of one side of a pattern, braces and parentheses flattened, in order."""
    text = text.replace("{", " ").replace("}", " ").replace("(", " ").replace(")", " ")
    out = []
    for tok in text.split():
        alts = _element(tok, synsets)
        if alts:
            out.append(alts)
    return out


def read_blocks(lines: list[str], synsets: dict[str, list[str]]) -> dict[str, Any]:
    blocks: dict[str, Any] = {}
    forms: dict[str, list[dict[str, Any]]] = {}
    current: dict[str, Any] | None = None
    name = ""
    started = False
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            started = True
            continue
        if raw.startswith("######## TRANSFORMATIONS"):
            break
        if not started:
            continue
        m = _BLOCK.match(raw)
        if m:
            name = m.group(1)
            current = {"code": _norm_code(m.group(2)), "patterns": []}
            blocks[name] = current
            continue
        if current is None:
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line.startswith("-"):
            code_m = list(_CODE.finditer(line))
            if not code_m:
                continue
            code = _norm_code(code_m[-1].group(1))
            body = line[1 : code_m[-1].start()]
            if "*" not in body or code is None:
                continue
            pre, post = body.split("*", 1)
            pattern = {"pre": _part(pre, synsets), "post": _part(post, synsets), "code": code}
            if pattern["pre"] or pattern["post"]:
                current["patterns"].append(pattern)
            continue
        entries, own = _verb_entry(line.strip())
        for form, before, after in entries:
            forms.setdefault(form, []).append(
                {
                    "block": name,
                    "code": _norm_code(own) if own else None,
                    "before": before,
                    "after": after,
                }
            )
    return {"blocks": blocks, "forms": forms}


def read_plover_table(lines: list[str]) -> dict[str, dict[str, Any]]:
    """CAMEO code -> {plover, mode, context}, from the CAMEO2PLOVER table."""
    codes: dict[str, dict[str, Any]] = {}
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"^(\d{3,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        parts += [""] * (3 - len(parts))
        contexts = [c.strip() for c in parts[2].split(";") if c.strip()]
        codes[m.group(1)] = {"plover": parts[0], "mode": parts[1], "context": contexts}
    return codes


# Where the PLOVER manual decides otherwise than the 2015 verb dictionary, the manual wins:
# - "agree to / on" is an intention (CAMEO 030; PLOVER AGREE: "agree to ... express intent");
#   the dictionary's block default 050 reads "agree with" (endorse), which its "with" pattern keeps;
# - resignations of officials are RETREAT, mode resign (manual, RETREAT), not CAMEO 083 CONCEDE;
# - the refusal verbs (refuse, reject, decline, rule out, spurn) reject what they take (CAMEO 120)
#   where no pattern says more: the dictionary leaves their block without a default, so that
#   "rejected the ultimatum" coded nothing.
BLOCK_CODES = {"AGREE": "030", "REFUSE": "120"}
VERB_CODES = {"resign": "0831r"}
PATTERN_CODES = {"RESIGN": {"0831": "0831r", "083": "0831r"}}  # "the minister resigned"
EXTRA_CODES = {"0831r": {"plover": "RETREAT", "mode": "resign", "context": []}}
# Where the manual's text decides otherwise than its 2021 table, the text wins:
# - "International (political or economic) sanctions are coded as `discontinue'" (SANCTION modes),
#   where the table has CAMEO 163 (impose embargo, boycott or sanctions) as COERCE restrict;
# - "removing curfews" is a concession (CONCEDE), where the table has CAMEO 0813 and 0814
#   (ease curfew, ease state of emergency) as RETREAT.
TABLE_CODES = {
    "163": {"plover": "SANCTION", "mode": "discontinue", "context": ["diplomatic", "economic"]},
    "0813": {"plover": "CONCEDE", "mode": "", "context": ["legal"]},
    "0814": {"plover": "CONCEDE", "mode": "", "context": ["legal"]},
}


def build(shared: Path) -> dict[str, Any]:
    cameo = (shared / "lexicons/petrarch2/CAMEO.2.0.txt").read_text(encoding="utf-8").splitlines()
    table = (shared / "lexicons/plover/CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8")
    synsets = read_synsets(cameo)
    verbs = read_blocks(cameo, synsets)
    for name, code in BLOCK_CODES.items():
        verbs["blocks"][name]["code"] = code
    for name, recode in PATTERN_CODES.items():
        for pattern in verbs["blocks"][name]["patterns"]:
            pattern["code"] = recode.get(pattern["code"], pattern["code"])
    for base, code in VERB_CODES.items():
        for form in verb_forms(base):
            for entry in verbs["forms"].get(form, []):
                entry["code"] = code
    return {
        "sources": {
            "verbs": "CAMEO.2.0.txt, PETRARCH-2 verb dictionary (MIT, Open Event Data Alliance)",
            "plover": "CAMEO2PLOVER-2021.txt (CC BY-SA 4.0, Open Event Data Alliance)",
        },
        "codes": {**read_plover_table(table.splitlines()), **TABLE_CODES, **EXTRA_CODES},
        "forms": dict(sorted(verbs["forms"].items())),
        "blocks": verbs["blocks"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=ROOT)
    a = ap.parse_args(argv)
    if not (a.shared / "lexicons/petrarch2/CAMEO.2.0.txt").is_file():
        print(f"error: no lexicons/ under {a.shared}: pass --shared PATH", file=sys.stderr)
        return 2
    data = build(a.shared)
    path = a.out / OUT_NAME
    path.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(
        f"wrote {path}: {len(data['forms'])} verb forms, {len(data['blocks'])} blocks, "
        f"{sum(len(b['patterns']) for b in data['blocks'].values())} patterns, "
        f"{len(data['codes'])} codes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
