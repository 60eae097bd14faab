"""Maintain PathPlanner's translations: extract, update, compile, check, stats.

    python scripts/i18n.py extract   # source strings -> translations/pathplanner.pot
    python scripts/i18n.py update    # .pot -> every translations/<tag>.po (new entries empty)
    python scripts/i18n.py compile   # .po -> .mo into a folder (PyInstaller builds do this)
    python scripts/i18n.py check     # template current, every .po complete and consistent
    python scripts/i18n.py stats     # translated / total per language

Run from the repository root with the project's Python. See docs/translating.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from pathplanner.domain.errors import UserError  # noqa: E402
from pathplanner.i18n import catalogs  # noqa: E402
from pathplanner.i18n.languages import find_language  # noqa: E402

SOURCE_DIR = REPO_ROOT / "pathplanner"
TRANSLATIONS = REPO_ROOT / "translations"
TEMPLATE = TRANSLATIONS / catalogs.TEMPLATE_NAME


def cmd_extract(args: argparse.Namespace) -> int:
    template = catalogs.extract_template(SOURCE_DIR, REPO_ROOT)
    changed = catalogs.write_catalog(TEMPLATE, template, header=catalogs.TEMPLATE_HEADER)
    count = sum(1 for m in template if m.id)
    state = "updated" if changed else "unchanged"
    print(f"{TEMPLATE.relative_to(REPO_ROOT)}: {count} strings ({state})")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    template = catalogs.read_catalog(TEMPLATE)
    for language in catalogs.languages_to_check(args.lang):
        po_path = TRANSLATIONS / language.po_name
        catalog = catalogs.update_catalog(template, language, po_path)
        changed = catalogs.write_catalog(
            po_path, catalog, header=catalogs.language_header(language)
        )
        print(f"{po_path.relative_to(REPO_ROOT)}: {'updated' if changed else 'unchanged'}")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    out_dir: Path = args.output
    failed = 0
    for language in catalogs.languages_to_check(args.lang):
        po_path = TRANSLATIONS / language.po_name
        try:
            data = catalogs.compile_catalog(catalogs.read_catalog(po_path))
        except Exception as exc:  # report every broken file, then fail
            print(f"{po_path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        target = out_dir / language.tag / "LC_MESSAGES" / f"{catalogs.DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        print(f"{target}")
    return 1 if failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    failures = 0
    fresh = catalogs.extract_template(SOURCE_DIR, REPO_ROOT)
    stored = catalogs.read_catalog(TEMPLATE)
    missing = sorted({str(m.id) for m in fresh if m.id} - {str(m.id) for m in stored if m.id})
    if missing:
        failures += len(missing)
        name = TEMPLATE.relative_to(REPO_ROOT)
        print(f"{name} is out of date; run `python scripts/i18n.py extract`:")
        for text in missing[:20]:
            print(f"  not in template: {text!r}")
    for language in catalogs.languages_to_check(args.lang):
        po_path = TRANSLATIONS / language.po_name
        problems, counts = catalogs.check_catalog(po_path, language, fresh)
        failures += len(problems)
        status = "ok" if not problems else f"{len(problems)} problems"
        print(f"{language.tag:8} {counts['translated']:5}/{counts['total']:<5} {status}")
        for problem in problems[: args.limit]:
            print(f"  {problem}")
        if len(problems) > args.limit:
            print(f"  ... and {len(problems) - args.limit} more")
    print("check passed" if not failures else f"check failed: {failures} problems")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/i18n.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write translations/pathplanner.pot from the source")
    for name, helptext in (
        ("update", "merge the template into the .po files"),
        ("check", "check the template and the .po files"),
        ("compile", "compile .po files to .mo"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--lang", action="append", help="only this tag (repeatable)")
        if name == "check":
            p.add_argument("--limit", type=int, default=30, help="problems shown per language")
        if name == "compile":
            p.add_argument("--output", type=Path, default=REPO_ROOT / "build" / "locale")
    args = parser.parse_args(argv)
    try:
        for tag in getattr(args, "lang", None) or []:
            find_language(tag)  # an unknown tag fails here with the list of supported ones
    except UserError as exc:
        print(f"scripts/i18n.py: {exc.message}\n{exc.hint or ''}", file=sys.stderr)
        return 2
    handler = {
        "extract": cmd_extract,
        "update": cmd_update,
        "compile": cmd_compile,
        "check": cmd_check,
    }
    return handler[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
