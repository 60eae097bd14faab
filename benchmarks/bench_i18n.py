"""How long loading a language takes: cached .mo vs. parsing the .po with Babel each time.

    .venv/bin/python benchmarks/bench_i18n.py

Prints milliseconds per load for each way, the ratio against the cached path (the baseline,
measured in the same run), and the cost of a translated string lookup.
"""

from __future__ import annotations

import gettext
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pathplanner.i18n import LANGUAGES, load_translator
from pathplanner.i18n.languages import translations_dir
from pathplanner.i18n.pofiles import compile_catalog, read_catalog


def timed(func, repeat: int = 15) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    root = translations_dir()
    tags = [lang.tag for lang in LANGUAGES if lang.tag != "en"]
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        for tag in tags:  # warm the cache once, as the first start of the app does
            load_translator(tag, cache=cache)
        cached = statistics.mean(timed(lambda t=t: load_translator(t, cache=cache)) for t in tags)
        first = statistics.mean(
            timed(lambda t=t: load_translator(t, cache=Path(tempfile.mkdtemp())), repeat=5)
            for t in tags
        )

    def parse_po(tag: str) -> gettext.GNUTranslations:
        data = (root / f"{tag}.po").read_bytes()
        return gettext.GNUTranslations(io.BytesIO(compile_catalog(read_catalog(io.BytesIO(data)))))

    parsed = statistics.mean(timed(lambda t=t: parse_po(t), repeat=5) for t in tags)
    translator = load_translator("vi")
    messages = [str(m.id) for m in read_catalog(root / "vi.po") if m.id and isinstance(m.id, str)]
    start = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        for message in messages:
            translator.gettext(message)
    lookup_us = (time.perf_counter() - start) / (rounds * len(messages)) * 1e6
    print(f"languages: {len(tags)}, strings per catalog: {len(messages)}")
    print(f"load from cached .mo (baseline):        {cached:8.2f} ms")
    print(f"first load (compile .po, write cache):  {first:8.2f} ms  ({first / cached:6.1f}x)")
    print(f"parse .po with Babel on every load:     {parsed:8.2f} ms  ({parsed / cached:6.1f}x)")
    print(f"gettext lookup:                         {lookup_us:8.2f} us per string")


if __name__ == "__main__":
    main()
