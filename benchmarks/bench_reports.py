"""Family plan benchmark: one plan (median, p95) and a caseload batch, build vs render.

    .venv/bin/python benchmarks/bench_reports.py [--runs 30] [--batch 500] [--workers 2]

Targets (issue 8): under 150 ms a plan; 500 plans in under 60 s on a 2-core machine.

The baseline, measured in the same run, is Qt printing the same content its own way: one
QTextDocument of the document's text, paginated by ``QTextDocument.print_`` into a PDF. The
ratio says what our layout (figures, cards, keep-with-next, running header) costs over that.

The batch splits time into auditing (rules engine), building (the document as data) and
rendering (layout and PDF). By default one process prints the whole batch, as the app's batch
dialog does (on the GUI thread); ``--workers N`` runs N processes, each printing its share into
its own PDF. On the 2-core build machine two processes were no faster than one (27.8 s against
25.4 s for 500 plans), so the app does not spread printing over processes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false;qt.qpa.*=false")

LANGS = ("es", "vi", "zh-Hans", "zh-Hant", "tl", "ko", "ar", "fa", "pa", "ru", "hy", "hmn", "en")


def _app() -> object:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(["bench"])


def _inputs(count: int, start: int = 0) -> list[tuple[str, object]]:
    """``count`` students with names in the 13 scripts, each in their family language."""
    from tests.reports import samples

    catalog = samples.catalog()
    out = []
    for i in range(start, start + count):
        lang = LANGS[i % len(LANGS)]
        first, last = samples.NAMES[lang]
        out.append((lang, samples.plan_input(f"s{i}", first, last, lang, cat=catalog)))
    return out


def _translators() -> dict[str, object]:
    from pathplanner.i18n import load_translator

    return {lang: load_translator(lang) for lang in LANGS}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def bench_one(runs: int, tmp: Path) -> dict[str, float]:
    from pathplanner.reports.family_plan import build_family_plan
    from pathplanner.reports.render_qt import render_pdf

    translators = _translators()
    (lang, data) = _inputs(1)[0]
    t = translators[lang]
    build_family_plan(data, t)  # warm caches (fonts, Babel locale data)
    render_pdf(tmp / "warm.pdf", build_family_plan(data, t))
    totals, builds, renders = [], [], []
    for i in range(runs):
        t0 = time.perf_counter()
        doc = build_family_plan(data, t)
        t1 = time.perf_counter()
        render_pdf(tmp / f"one-{i}.pdf", doc)
        t2 = time.perf_counter()
        builds.append((t1 - t0) * 1000)
        renders.append((t2 - t1) * 1000)
        totals.append((t2 - t0) * 1000)
    baseline = [bench_baseline(doc, tmp / f"base-{i}.pdf") for i in range(max(5, runs // 3))]
    return {
        "median": statistics.median(totals),
        "p95": percentile(totals, 95),
        "build": statistics.median(builds),
        "render": statistics.median(renders),
        "baseline": statistics.median(baseline),
    }


def bench_baseline(doc: object, path: Path) -> float:
    """Qt's own pagination of the same words: one QTextDocument, ``print_`` to a PDF."""
    import html

    from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument

    from pathplanner.reports.fonts import font_stack

    start = time.perf_counter()
    text = "".join(f"<p>{html.escape(s)}</p>" for s in doc.strings() if s)  # type: ignore[attr-defined]
    qdoc = QTextDocument()
    qdoc.setDefaultFont(font_stack(doc.lang).font(9.5))  # type: ignore[attr-defined]
    qdoc.setHtml(text)
    writer = QPdfWriter(str(path))
    writer.setResolution(600)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    qdoc.print_(writer)
    del writer
    return (time.perf_counter() - start) * 1000


def batch_worker(args: tuple[int, int, str]) -> dict[str, float]:
    """Audit, build and render ``count`` plans into one PDF; times in seconds."""
    start, count, out = args
    _app()
    from pathplanner.reports.family_plan import build_family_plan
    from pathplanner.reports.render_qt import PdfBatch
    from pathplanner.rules import Auditor
    from pathplanner.services.family_plan import FamilyPlans

    t0 = time.perf_counter()
    items = _inputs(count, start)
    translators = _translators()
    catalog = items[0][1].catalog  # type: ignore[attr-defined]
    auditor = Auditor(catalog)
    plans = FamilyPlans(
        source=None,  # type: ignore[arg-type]
        catalog=catalog,
        auditor=lambda record, cat: auditor.audit(record),
        translators=translators.__getitem__,  # type: ignore[arg-type]
    )
    setup = time.perf_counter() - t0
    audit_s = build_s = render_s = 0.0
    pages = 0
    with PdfBatch(Path(out), "letter") as batch:
        for lang, data in items:
            a0 = time.perf_counter()
            fresh = plans.input_from_record(  # re-audit, as printing from the database does
                data.record.__class__(data.record.student, data.record.transcript, data.plan),  # type: ignore[attr-defined]
                data.meeting,  # type: ignore[attr-defined]
            )
            a1 = time.perf_counter()
            doc = build_family_plan(fresh, translators[lang])  # type: ignore[arg-type]
            a2 = time.perf_counter()
            pages += batch.add(doc)
            a3 = time.perf_counter()
            audit_s += a1 - a0
            build_s += a2 - a1
            render_s += a3 - a2
    return {"setup": setup, "audit": audit_s, "build": build_s, "render": render_s, "pages": pages}


def bench_batch(count: int, workers: int, tmp: Path) -> dict[str, float]:
    shares = [count // workers + (1 if i < count % workers else 0) for i in range(workers)]
    jobs, start = [], 0
    for i, share in enumerate(shares):
        jobs.append((start, share, str(tmp / f"batch-{i}.pdf")))
        start += share
    t0 = time.perf_counter()
    if workers == 1:
        results = [batch_worker(jobs[0])]
    else:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            results = pool.map(batch_worker, jobs)
    wall = time.perf_counter() - t0
    total = {k: sum(r[k] for r in results) for k in results[0]}
    total["wall"] = wall
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    _app()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        one = bench_one(args.runs, tmp)
        print(f"one family plan ({args.runs} runs, Spanish, letter):")
        print(
            f"  median {one['median']:.1f} ms   p95 {one['p95']:.1f} ms   "
            f"(build {one['build']:.1f} ms, render {one['render']:.1f} ms)   target < 150 ms"
        )
        print(
            f"  baseline (QTextDocument.print_ of the same words): {one['baseline']:.1f} ms   "
            f"ratio {one['render'] / one['baseline']:.2f}x"
        )
        if args.batch:
            res = bench_batch(args.batch, args.workers, tmp)
            cpu = res["audit"] + res["build"] + res["render"]
            print(f"batch of {args.batch} plans, {args.workers} process(es), 13 languages:")
            print(
                f"  wall {res['wall']:.1f} s   target < 60 s   ({res['pages']:.0f} pages, "
                f"{1000 * res['wall'] / args.batch:.1f} ms a plan)"
            )
            print(
                f"  time split (summed over processes): audit {res['audit']:.1f} s "
                f"({100 * res['audit'] / cpu:.0f}%), build {res['build']:.1f} s "
                f"({100 * res['build'] / cpu:.0f}%), render {res['render']:.1f} s "
                f"({100 * res['render'] / cpu:.0f}%); setup {res['setup']:.1f} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
