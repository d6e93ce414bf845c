"""Document identity: an exact id from the clean text, and a simhash for near-duplicates.

``doc_id`` is the first 16 hex digits of the SHA-256 of the clean text, so ingesting the same
document twice adds nothing. ``fingerprint`` is a 64-bit simhash over word 4-shingles: each
shingle's 64-bit hash votes on every bit, and a bit is set when most shingles have it set.
Reposts of one release (a changed byline, a fixed typo, another site's header) land within a
few bits of each other; unrelated texts land about 32 bits apart.

NEAR_DUPLICATE_BITS = 5, and why. Across the 11,160 documents of the shared corpus, no two
distinct documents are within 8 bits of each other (the closest found: 9, 11, 12); one release
with a phrase edited, a header or footer line added, or case and punctuation changed stays
within 0-3 bits. The one true duplicate pair in the corpus (two OCR versions of one 1984 speech,
~20 small differences) is 4 bits apart. 5 catches such versions and keeps a margin of four bits
below the nearest distinct pair. The store's index cuts the 64 bits into NEAR_DUPLICATE_BITS + 1
bands: two prints within that distance share at least one band exactly (pigeonhole).

The hashing is vectorised with numpy (a per-word Python loop would cost more than all of
cleaning): words are runs of letters and digits, hashed by a polynomial over their UTF-8 bytes.
"""

from __future__ import annotations

import hashlib

import numpy as np
import numpy.typing as npt

NEAR_DUPLICATE_BITS = 5
SHINGLE = 4
_CHUNK = 1 << 22  # bytes hashed at a time: bounds memory on very large documents
_MASK64 = (1 << 64) - 1
_U64 = npt.NDArray[np.uint64]

# Bytes that belong to words: ASCII letters and digits, and every byte of a multi-byte UTF-8
# character (letters of other scripts; their punctuation is rare enough not to matter).
_WORD_BYTE = np.zeros(256, dtype=bool)
_WORD_BYTE[[*range(48, 58), *range(65, 91), *range(97, 123), *range(128, 256)]] = True
_P = np.uint64(0x100000001B3)  # the FNV prime, as the base of the byte polynomial


def _powers() -> _U64:
    """P**0 .. P**255 (mod 2**64), read-only."""
    powers = np.ones(256, dtype=np.uint64)
    with np.errstate(over="ignore"):
        powers[1:] = np.cumprod(np.full(255, _P, dtype=np.uint64))
    powers.flags.writeable = False
    return powers


_POWERS = _powers()
_MIX = (
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
    np.uint64(0xD6E8FEB86659FD93),
)


def doc_id(clean_text: str) -> str:
    """The document's id: 16 hex digits of the SHA-256 of its clean text."""
    return hashlib.sha256(clean_text.encode("utf-8")).hexdigest()[:16]


def _power_tables(n: int) -> tuple[_U64, _U64]:
    """P**i and P**-i (mod 2**64; P is odd, so it has an inverse) for i < n at least. Tables up
    to a megabyte of text are kept for the next document; longer ones are made for the one."""
    size = 1 << max(16, (n - 1).bit_length())
    if size <= _TABLE_MAX and _TABLES and len(_TABLES[0][0]) >= n:
        return _TABLES[0]
    tables = (_geometric(_P, size), _geometric(_P_INVERSE, size))
    if size <= _TABLE_MAX:
        _TABLES[:] = [tables]
    return tables


def _geometric(base: np.uint64, size: int) -> _U64:
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        np.cumprod(np.full(size - 1, base, dtype=np.uint64), out=out[1:])
    return out


_P_INVERSE = np.uint64(pow(int(_P), -1, 1 << 64))
_TABLE_MAX = 1 << 20
_TABLES: list[tuple[_U64, _U64]] = []


def _word_hashes(data: npt.NDArray[np.uint8]) -> _U64:
    """One 64-bit hash per word: sum of (byte + 1) * P**(position in word), positions past 255
    counting as 255.

    By prefix sums: with S the running sum of (byte + 1) * P**(position in the text), a word from
    s to e hashes to (S[e] - S[s]) * P**-s. Words longer than 256 bytes (their positions past 255
    count as 255) are hashed one by one (``_word_hashes_direct``).

    Most documents are a few thousand words, where numpy's cost per call (microseconds) is most
    of the work: ``take`` rather than indexing, and no array made only to be read once.
    """
    n = len(data)
    # Where a run of word bytes starts and ends, alternately (a word at the very end ends there):
    # the places where a byte's class differs from the previous one's, the text padded with a
    # non-word byte at each end.
    padded = np.zeros(n + 2, dtype=bool)
    padded[1:-1] = _WORD_BYTE.take(data)
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    if len(edges) == 0:
        return np.zeros(0, dtype=np.uint64)
    starts, ends = edges[0::2], edges[1::2]
    powers, inverses = _power_tables(n)
    sums = np.empty(n + 1, dtype=np.uint64)
    sums[0] = 0
    terms = sums[1:]
    np.add(data, 1, out=terms, dtype=np.uint64)
    np.multiply(terms, powers[:n], out=terms)
    np.cumsum(terms, out=terms)
    hashes = sums.take(ends)
    hashes -= sums.take(starts)
    hashes *= inverses.take(starts)
    lengths = ends - starts
    if lengths.max() > 256:
        for i in np.flatnonzero(lengths > 256):
            hashes[i] = _word_hashes_direct(data[starts[i] : ends[i]])[0]
    return hashes


def _word_hashes_direct(data: npt.NDArray[np.uint8]) -> _U64:
    """``_word_hashes`` term by term (the definition): for words longer than 256 bytes."""
    is_word = _WORD_BYTE[data]
    edges = np.flatnonzero(np.diff(is_word, prepend=False, append=False))
    if len(edges) == 0:
        return np.zeros(0, dtype=np.uint64)
    lengths = edges[1::2] - edges[0::2]
    starts = np.cumsum(lengths) - lengths  # where each word starts among the word bytes
    rel = np.arange(int(starts[-1] + lengths[-1])) - np.repeat(starts, lengths)
    np.minimum(rel, 255, out=rel)
    with np.errstate(over="ignore"):
        terms = (data[is_word].astype(np.uint64) + np.uint64(1)) * _POWERS[rel]
    return np.add.reduceat(terms, starts)


def _mix(h: _U64) -> _U64:
    """splitmix64's finaliser: every input bit affects every output bit (in place)."""
    tmp = np.right_shift(h, _30)
    h ^= tmp
    h *= _M1
    np.right_shift(h, _27, out=tmp)
    h ^= tmp
    h *= _M2
    np.right_shift(h, _31, out=tmp)
    h ^= tmp
    return h


_30, _27, _31, _13, _51 = (np.uint64(k) for k in (30, 27, 31, 13, 51))
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def _shingle_hashes(words: _U64) -> _U64:
    if len(words) < SHINGLE:
        words = np.concatenate([words, np.zeros(SHINGLE - len(words), dtype=np.uint64)])
    n = len(words) - SHINGLE + 1
    mixed = _mix(words.copy())  # once: every word is in SHINGLE shingles
    # h = rotl(h, 13) ^ mixed[k + i] * _MIX[k] for k in 0..SHINGLE-1, from h = 0.
    h = np.multiply(mixed[:n], _MIX[0])
    tmp = np.empty_like(h)
    for k in range(1, SHINGLE):
        np.left_shift(h, _13, out=tmp)
        h >>= _51
        h |= tmp
        np.multiply(mixed[k : k + n], _MIX[k], out=tmp)
        h ^= tmp
    return _mix(h)


def _chunks(data: bytes) -> list[npt.NDArray[np.uint8]]:
    out = []
    pos = 0
    while pos < len(data):
        end = min(len(data), pos + _CHUNK)
        if end < len(data):
            cut = max(data.rfind(b" ", pos, end), data.rfind(b"\n", pos, end))
            end = cut + 1 if cut > pos else end
        out.append(np.frombuffer(data, dtype=np.uint8, count=end - pos, offset=pos))
        pos = end
    return out


def _bit_counts(hashes: _U64) -> npt.NDArray[np.int64]:
    """How many of the hashes have each bit set; bit k of a hash's byte j (in memory order)
    counts as bit 8j + k.

    Each hash unpacked to 64 bytes of 0 or 1 (its bytes' bits, low first) is 8 uint64 lanes of
    8 byte counters: adding up to 255 hashes' lanes as integers never carries from one counter
    into the next, so blocks of 255 are added as uint64 (8 counters per addition), and only the
    blocks' sums are unpacked and added up. Five times faster than summing the 0/1 bytes."""
    bits = np.unpackbits(hashes.view(np.uint8), bitorder="little")
    lanes = bits.view(np.uint64).reshape(-1, 8)
    blocks = np.add.reduceat(lanes, np.arange(0, len(lanes), 255), axis=0)
    counts: npt.NDArray[np.int64] = (
        blocks.view(np.uint8).reshape(-1, 64).sum(axis=0, dtype=np.int64)
    )
    return counts


_ASCII = bytes(range(128))


def lowered_utf8(text: str) -> bytes:
    """``text.lower().encode("utf-8")``, mostly without ``str.lower``: that looks up every
    character in the Unicode tables, where lowering the UTF-8 bytes changes only ASCII letters,
    which is the same whenever no other character has a lower case. Most documents in Latin
    script have only punctuation outside ASCII (quotes, dashes), and finding that out costs a
    tenth of lowering the text."""
    data = text.encode("utf-8")
    others = data.translate(None, _ASCII)  # the characters outside ASCII, still encoded
    if others:
        chars = others.decode("utf-8")
        if chars.lower() != chars:  # (str.lower maps character by character, but for a
            return text.lower().encode("utf-8")  # final sigma, which changes anyway)
    return data.lower()


def fingerprint(clean_text: str) -> int:
    """64-bit simhash of the text's word 4-shingles (unsigned; see ``signed``)."""
    data = lowered_utf8(clean_text)
    words = [_word_hashes(chunk) for chunk in _chunks(data)]
    if len(words) == 1:
        all_words = words[0]
    else:
        all_words = np.concatenate(words) if words else np.zeros(0, dtype=np.uint64)
    if len(all_words) == 0:
        return 0
    counts = np.zeros(64, dtype=np.int64)
    total = 0
    step = _CHUNK // 8
    for start in range(0, len(all_words), step):
        if start and len(all_words) - start < SHINGLE:
            break  # those words' shingles were counted with the previous window
        shingles = _shingle_hashes(all_words[start : start + step + SHINGLE - 1])
        counts += _bit_counts(shingles)
        total += len(shingles)
    set_bits = np.packbits(counts * 2 > total, bitorder="little")
    return int.from_bytes(set_bits.tobytes(), "little")


def hamming(a: int, b: int) -> int:
    """Bits that differ between two fingerprints, signed or unsigned."""
    return ((a ^ b) & _MASK64).bit_count()


def signed(fp: int) -> int:
    """The fingerprint as a signed 64-bit integer, as SQLite stores integers."""
    fp &= _MASK64
    return fp - (1 << 64) if fp >= (1 << 63) else fp


def near_duplicate(a: int, b: int) -> bool:
    return hamming(a, b) <= NEAR_DUPLICATE_BITS
