"""Search over courses, pathways, entry points and careers, fast enough to run on every key press.

Text is folded before it is indexed or compared: Unicode NFKD, combining marks dropped, case
folded, anything but letters and digits turned into spaces. So "espanol" finds "Español" and
"chem h" finds "CHEM H". Every query word matches as a word *prefix* ("alg 2" finds "Algebra 2").

The index is a sorted vocabulary of folded words with one flat array of document numbers
(postings) laid out in vocabulary order, so every document holding a word with a given prefix is
one slice of that array. A query takes the rarest of its words' slices as candidates and checks
the other words against each candidate's folded text with substring tests (``" alg" in text``),
which run in C. Arrays and lists of strings serialise compactly, so the compiled cache stores
the index as built.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pathplanner.domain.catalog import Catalog, Text

KINDS: tuple[str, ...] = ("course", "pathway", "entry_point", "career")
_KIND_NUMBER = {k: i for i, k in enumerate(KINDS)}
_END = "\U0010ffff"
#: Above this many candidate documents a query ranks a bounded subset (see :meth:`search`).
BROAD = 2000


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result: what it is, its id, its English title, a short detail line, its score."""

    kind: str
    id: str
    title: str
    detail: str
    score: float


_ASCII_SEPARATORS = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Text folded for matching: accents and case gone, words separated by single spaces."""
    if text.isascii():  # the common case, done by C code
        return _ASCII_SEPARATORS.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    chars = [
        ch if ch.isalnum() else " " for ch in decomposed.casefold() if not unicodedata.combining(ch)
    ]
    return " ".join("".join(chars).split())


def _texts(*items: Text | str | Iterable[str] | None) -> list[str]:
    out: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, Text):
            out.append(item.en)
            out.extend(item.translations.values())
        elif isinstance(item, str):
            out.append(item)
        else:
            out.extend(item)
    return out


def _strings(value: object) -> list[str]:
    """A list of strings from the compiled cache (its ends checked: marshal wrote it whole)."""
    if not isinstance(value, list) or (
        value and not (isinstance(value[0], str) and isinstance(value[-1], str))
    ):
        raise TypeError("search index payload is damaged")
    return value


class SearchIndex:
    """An immutable index; build it with :meth:`build`, query it with :meth:`search`."""

    __slots__ = (
        "_details",
        "_flat",
        "_ids",
        "_kinds",
        "_offsets",
        "_other",
        "_titles",
        "_tnorm",
        "_vocab",
    )

    def __init__(
        self,
        *,
        kinds: bytes,
        ids: list[str],
        titles: list[str],
        details: list[str],
        tnorm: list[str],
        other: list[str],
        vocab: list[str],
        offsets: array[int],
        flat: array[int],
    ) -> None:
        self._kinds = kinds
        self._ids = ids
        self._titles = titles
        self._details = details
        self._tnorm = tnorm
        self._other = other
        self._vocab = vocab
        self._offsets = offsets
        self._flat = flat

    def __len__(self) -> int:
        return len(self._ids)

    @classmethod
    def build(cls, catalog: Catalog) -> SearchIndex:
        """Index every course, pathway, entry point and career of ``catalog``."""
        entries: list[tuple[int, int, str, str, str, str, str]] = []

        def add(
            kind: str, rid: str, *, show: tuple[str, str], texts: tuple[list[str], list[str]]
        ) -> None:
            title, detail = show
            title_texts, extra = texts
            t = " " + fold(" ".join(title_texts)) + " "
            o = " " + fold(" ".join(extra)) + " "
            entries.append((len(t), _KIND_NUMBER[kind], rid, title, detail, t, o))

        for c in catalog.courses.values():
            extra = [c.code, c.code.replace(" ", ""), c.id, *c.keywords]
            add("course", c.id, show=(c.title, c.code), texts=([c.title], extra))
        for p in catalog.pathways.values():
            sector = catalog.sectors.get(p.sector_id)
            show = (p.title.en, sector.title.en if sector else "")
            add(
                "pathway",
                p.id,
                show=show,
                texts=(_texts(p.title), _texts(p.aliases, p.keywords, [p.id])),
            )
        for e in catalog.entry_points.values():
            extra = _texts(e.award, e.institution, e.keywords, [e.id])
            add(
                "entry_point",
                e.id,
                show=(e.title.en, e.institution),
                texts=(_texts(e.title), extra),
            )
        for r in catalog.careers.values():
            extra = _texts(r.soc_code, r.soc_code.replace("-", ""), r.keywords)
            add("career", r.id, show=(r.title.en, r.soc_code), texts=(_texts(r.title), extra))

        # Documents are numbered shortest title first, so a smaller number is a better static
        # rank; every posting list is then in static-rank order too.
        entries.sort()
        kinds = bytes(e[1] for e in entries)
        ids = [e[2] for e in entries]
        titles = [e[3] for e in entries]
        details = [e[4] for e in entries]
        tnorm = [e[5] for e in entries]
        other = [e[6] for e in entries]
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for doc, (t, o) in enumerate(zip(tnorm, other, strict=True)):
            for word in set(t.split()) | set(o.split()):
                postings[word].append(doc)
        vocab = sorted(postings)
        offsets = array("i", [0])
        flat = array("i")
        for word in vocab:
            flat.extend(postings[word])
            offsets.append(len(flat))
        return cls(
            kinds=kinds,
            ids=ids,
            titles=titles,
            details=details,
            tnorm=tnorm,
            other=other,
            vocab=vocab,
            offsets=offsets,
            flat=flat,
        )

    # --- compiled form --------------------------------------------------------------------

    def to_payload(self) -> tuple[object, ...]:
        """Plain data for the compiled cache (``marshal``-able)."""
        return (
            self._kinds,
            self._ids,
            self._titles,
            self._details,
            self._tnorm,
            self._other,
            self._vocab,
            self._offsets.tobytes(),
            self._flat.tobytes(),
        )

    @classmethod
    def from_payload(cls, payload: Sequence[object]) -> SearchIndex:
        """Rebuild an index from :meth:`to_payload`; raises ValueError/TypeError when damaged."""
        (
            kinds,
            raw_ids,
            raw_titles,
            raw_details,
            raw_tnorm,
            raw_other,
            raw_vocab,
            offsets_b,
            flat_b,
        ) = payload
        if not (
            isinstance(kinds, bytes) and isinstance(offsets_b, bytes) and isinstance(flat_b, bytes)
        ):
            raise TypeError("search index payload is damaged")
        ids, titles, details = _strings(raw_ids), _strings(raw_titles), _strings(raw_details)
        tnorm, other, vocab = _strings(raw_tnorm), _strings(raw_other), _strings(raw_vocab)
        offsets = array("i")
        offsets.frombytes(offsets_b)
        flat = array("i")
        flat.frombytes(flat_b)
        n = len(kinds)
        if not (len(ids) == len(titles) == len(details) == len(tnorm) == len(other) == n) or (
            len(offsets) != len(vocab) + 1 or (offsets and offsets[-1] != len(flat))
        ):
            raise ValueError("search index payload is inconsistent")
        return cls(
            kinds=kinds,
            ids=ids,
            titles=titles,
            details=details,
            tnorm=tnorm,
            other=other,
            vocab=vocab,
            offsets=offsets,
            flat=flat,
        )

    # --- queries --------------------------------------------------------------------------

    def _range(self, word: str) -> tuple[int, int]:
        lo = bisect_left(self._vocab, word)
        hi = bisect_left(self._vocab, word + _END, lo)
        return self._offsets[lo], self._offsets[hi]

    def search(
        self, query: str, *, kinds: Iterable[str] | None = None, limit: int = 20
    ) -> list[SearchHit]:
        """The best ``limit`` matches for ``query``, best first; every query word must match.

        Ranking: a whole title word beats a title word prefix, which beats a code, keyword or
        alias match; titles that start with the first query word rank higher; shorter titles
        break ties.
        """
        folded = fold(query)
        words = list(dict.fromkeys(folded.split()))
        if not words or limit <= 0:
            return []
        wanted: set[int] | None = None
        if kinds is not None:
            wanted = {_KIND_NUMBER[k] for k in kinds if k in _KIND_NUMBER}
            if not wanted:
                return []
        ranges = [self._range(w) for w in words]
        best = min(range(len(words)), key=lambda i: ranges[i][1] - ranges[i][0])
        lo, hi = ranges[best]
        if lo == hi:
            return []
        candidates: Iterable[int] = set(self._flat[lo:hi])
        if hi - lo > BROAD:
            # A very broad query ("a", "in"): rank the documents where the word is a whole
            # word, and the rest, among the BROAD best of each by static rank (shortest
            # titles), so typing one letter stays instant on 100,000 courses.
            word = words[best]
            i = bisect_left(self._vocab, word)
            exact: list[int] = []
            if i < len(self._vocab) and self._vocab[i] == word:
                exact = sorted(self._flat[self._offsets[i] : self._offsets[i + 1]])[:BROAD]
            candidates = set(sorted(candidates)[:BROAD]).union(exact)
        tnorm, other, kinds_of = self._tnorm, self._other, self._kinds
        whole = [" " + w + " " for w in words]
        prefix = [" " + w for w in words]
        start = " " + words[0]
        exact_title = " " + folded + " "
        scored: list[tuple[float, int]] = []
        for doc in candidates:
            if wanted is not None and kinds_of[doc] not in wanted:
                continue
            t = tnorm[doc]
            o = other[doc]
            score = 0.0
            for w, p in zip(whole, prefix, strict=True):
                if w in t:
                    score += 10
                elif p in t:
                    score += 6
                elif w in o:
                    score += 5
                elif p in o:
                    score += 3
                else:
                    score = -1.0
                    break
            if score < 0:
                continue
            if t.startswith(start):
                score += 4
            if t == exact_title:
                score += 5
            scored.append((score - len(t) / 1000.0, doc))
        top = heapq.nlargest(limit, scored)
        return [
            SearchHit(
                KINDS[kinds_of[doc]],
                self._ids[doc],
                self._titles[doc],
                self._details[doc],
                round(score, 3),
            )
            for score, doc in top
        ]
