"""Generate a synthetic catalog pack of N courses, for benchmarks and load tests.

    python scripts/make_synthetic_pack.py 100000 build/synthetic-100k

The pack is realistic in shape, not in content: 15 sectors, a pathway per 500 courses (at least
58), prerequisite chains (single, ``all``/``any`` groups, concurrent), A-G attributes, careers
and entry points linked to pathways, a graduation requirement set and a plan template. Course
titles mix a few hundred subject words (some accented) so search has realistic overlap. The same
N always gives the same pack (fixed random seed).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ADJECTIVES = [
    "Advanced",
    "Applied",
    "Introductory",
    "Integrated",
    "Modern",
    "Contemporary",
    "Global",
    "Environmental",
    "Digital",
    "Creative",
    "Practical",
    "Comparative",
    "Experimental",
    "Honors",
    "Studio",
    "Technical",
    "Foundations of",
    "Topics in",
    "Principles of",
    "Survey of",
    "Español",
    "Français",
    "Écologie",
    "Música",
    "Diseño",
    "Ciencias",
    "Culinary",
    "Industrial",
    "Medical",
    "Computational",
    "Financial",
    "Urban",
    "Marine",
    "Agricultural",
    "Performing",
    "Visual",
]
TOPICS = [
    "Algebra",
    "Geometry",
    "Statistics",
    "Calculus",
    "Biology",
    "Chemistry",
    "Physics",
    "Earth Science",
    "Astronomy",
    "Anatomy",
    "Physiology",
    "Genetics",
    "Literature",
    "Composition",
    "Journalism",
    "Rhetoric",
    "Poetry",
    "Drama",
    "Theater",
    "Dance",
    "Choir",
    "Band",
    "Orchestra",
    "Ceramics",
    "Painting",
    "Drawing",
    "Photography",
    "Film",
    "Animation",
    "Graphic Design",
    "Architecture",
    "Engineering",
    "Robotics",
    "Electronics",
    "Programming",
    "Networking",
    "Cybersecurity",
    "Game Design",
    "Web Design",
    "Data Science",
    "Economics",
    "Civics",
    "World History",
    "U.S. History",
    "Government",
    "Psychology",
    "Sociology",
    "Geography",
    "Ethnic Studies",
    "Personal Finance",
    "Accounting",
    "Marketing",
    "Entrepreneurship",
    "Law",
    "Criminal Justice",
    "Fire Science",
    "Emergency Medicine",
    "Nursing",
    "Sports Medicine",
    "Nutrition",
    "Baking",
    "Hospitality",
    "Tourism",
    "Child Development",
    "Education",
    "Fashion",
    "Interior Design",
    "Cosmetology",
    "Welding",
    "Machining",
    "Carpentry",
    "Construction",
    "Automotive Technology",
    "Aviation",
    "Logistics",
    "Horticulture",
    "Animal Science",
    "Forestry",
    "Viticulture",
    "Biotechnology",
    "Forensics",
    "Oceanography",
    "Spanish",
    "French",
    "Mandarin",
    "Japanese",
    "Korean",
    "Vietnamese",
    "Arabic",
    "Latin",
    "American Sign Language",
    "Philosophy",
    "Ethics",
    "Media Arts",
    "Yearbook",
    "Leadership",
]
LEVELS = [
    "1",
    "2",
    "3",
    "4",
    "I",
    "II",
    "III",
    "A",
    "B",
    "Honors",
    "AP",
    "Lab",
    "Seminar",
    "Workshop",
]
SUBJECTS = [
    "english",
    "math",
    "science",
    "history",
    "language",
    "arts",
    "pe",
    "health",
    "cte",
    "elective",
]
AREAS = {"english": "b", "math": "c", "science": "d", "history": "a", "language": "e"}
AREAS |= {"arts": "f", "cte": "g"}
GRAD = {s: s for s in ("english", "math", "science", "pe", "health", "elective")}
GRAD |= {"history": "social-science", "language": "vpa-lote-cte", "arts": "vpa-lote-cte"}
GRAD |= {"cte": "vpa-lote-cte"}
SCIENCE = ["biology", "chemistry", "physics", "earth_space", "interdisciplinary"]
ROLES = ["introductory", "concentrator", "capstone"]
COURSES_PER_FILE = 5000


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def course_text(i: int, rng: random.Random, pathways: list[str]) -> str:
    subject = rng.choice(SUBJECTS)
    title = f"{rng.choice(ADJECTIVES)} {rng.choice(TOPICS)} {rng.choice(LEVELS)}"
    lines = [
        "[[course]]",
        f'id = "c-{i:06d}"',
        f"title = {q(title)}",
        f'code = "{title.split(maxsplit=1)[0][:4].upper()} {i}"',
        f'subject = "{subject}"',
    ]
    if rng.random() < 0.2:
        lines += ['length = "semester"', "credits = 5"]
    lo = rng.choice([9, 9, 9, 10, 11])
    lines += [f"grade_min = {lo}", f"grade_max = {rng.choice([lo, 12, 12])}"]
    area = AREAS.get(subject)
    if area and rng.random() < 0.8:
        lines.append(f'ag_area = "{area}"')
        if rng.random() < 0.15:
            lines += ["uc_honors = true", 'honors_kind = "school"']
    if subject == "science":
        lines.append(f'science_discipline = "{rng.choice(SCIENCE)}"')
    if subject == "math":
        lines.append(f"math_level = {rng.randint(1, 5)}")
    if subject == "cte":
        lines += [
            f'cte_pathways = ["{rng.choice(pathways)}"]',
            f'cte_role = "{rng.choice(["introductory", "concentrator", "capstone"])}"',
        ]
    lines.append(
        f'grad_areas = ["{GRAD[subject]}", "elective"]'
        if subject != "elective"
        else 'grad_areas = ["elective"]'
    )
    if rng.random() < 0.3:
        lines.append(
            f"keywords = [{q(rng.choice(TOPICS).lower())}, {q(rng.choice(TOPICS).lower())}]"
        )
    # prerequisite chains: each course may need earlier ones (never later: no cycles)
    if i > 0 and i % 5:
        r = rng.random()
        if r < 0.6:
            lines.append(f'prerequisites = {{ course = "c-{i - 1:06d}", min_grade = "C" }}')
        elif r < 0.8 and i > 2:
            lines.append(
                f'prerequisites = {{ any = [ {{ course = "c-{i - 1:06d}" }}, '
                f'{{ course = "c-{i - 2:06d}", concurrent = true }} ] }}'
            )
        elif i > 3:
            lines.append(
                f'prerequisites = {{ all = [ {{ course = "c-{i - 1:06d}", min_grade = "C-" }}, '
                f'{{ any = [ {{ course = "c-{i - 2:06d}" }}, '
                f'{{ course = "c-{i - 3:06d}" }} ] }} ] }}'
            )
    return "\n".join(lines) + "\n"


def make_pack(n: int, out: Path) -> None:
    rng = random.Random(n)
    out.mkdir(parents=True, exist_ok=False)
    (out / "pack.toml").write_text(
        f'id = "synthetic-{n}"\ntitle = "Synthetic pack of {n} courses"\nversion = "1"\n'
        "date = 2026-11-22\n"
        'illustrative = ["sectors", "pathways", "courses", "entry_points", "careers", '
        '"requirement_sets", "templates"]\n'
        'notes = "Generated by scripts/make_synthetic_pack.py for benchmarks. Not real data."\n',
        encoding="utf-8",
    )
    sectors = [f"sector-{s:02d}" for s in range(1, 16)]
    (out / "sectors.toml").write_text(
        "".join(
            f'[[sector]]\nid = "{s}"\nnumber = {k}\ntitle = "Sector {k}"\n\n'
            for k, s in enumerate(sectors, 1)
        ),
        encoding="utf-8",
    )
    n_pathways = max(58, n // 500)
    pathways = [f"pathway-{p:04d}" for p in range(n_pathways)]
    # pathway steps use the first courses (ids known in advance)
    parts = []
    for k, p in enumerate(pathways):
        a, b, c = (3 * k) % n, (3 * k + 1) % n, (3 * k + 2) % n
        parts.append(
            f'[[pathway]]\nid = "{p}"\nsector = "{sectors[k % 15]}"\n'
            f'title = "{rng.choice(TOPICS)} Pathway {k}"\n'
            f'keywords = ["{rng.choice(TOPICS).lower()}"]\n\n'
            f'[[pathway.step]]\nrole = "introductory"\ncourses = ["c-{a:06d}"]\n'
            "grade_min = 9\ngrade_max = 12\n\n"
            f'[[pathway.step]]\nrole = "concentrator"\ncourses = ["c-{b:06d}"]\n'
            "grade_min = 9\ngrade_max = 12\n\n"
            f'[[pathway.step]]\nrole = "capstone"\ncourses = ["c-{c:06d}", "c-{a:06d}"]\n'
            "grade_min = 9\ngrade_max = 12\n"
        )
    (out / "pathways.toml").write_text("\n".join(parts), encoding="utf-8")
    courses = out / "courses"
    courses.mkdir()
    for start in range(0, n, COURSES_PER_FILE):
        text = "\n".join(
            course_text(i, rng, pathways) for i in range(start, min(n, start + COURSES_PER_FILE))
        )
        (courses / f"part-{start // COURSES_PER_FILE:03d}.toml").write_text(text, encoding="utf-8")
    careers = []
    for k in range(max(150, n // 100)):
        soc = f"{11 + k % 43:02d}-{1000 + k:04d}"
        careers.append(
            f'[[career]]\nid = "soc-{soc.replace("-", "")}"\nsoc_code = "{soc}"\n'
            f'title = "{rng.choice(TOPICS)} Specialist {k}"\n'
            f'typical_education = "bachelor"\npathways = ["{pathways[k % n_pathways]}"]\n'
        )
    (out / "careers.toml").write_text("\n".join(careers), encoding="utf-8")
    eps = []
    for k in range(max(60, n // 200)):
        eps.append(
            f'[[entry_point]]\nid = "ep-{k:05d}"\ntitle = "{rng.choice(TOPICS)} Program {k}"\n'
            'kind = "associate"\n'
            f'institution = "Synthetic College"\naward = "Associate degree"\ntypical_years = 2\n'
            f'pathways = ["{pathways[k % n_pathways]}"]\n'
        )
    (out / "entry-points.toml").write_text("\n".join(eps), encoding="utf-8")
    areas = sorted(set(GRAD.values()))
    (out / "requirements.toml").write_text(
        '[[requirement_set]]\nid = "grad"\nkind = "graduation"\ntitle = "Synthetic graduation"\n\n'
        + "\n".join(
            f'[[requirement_set.area]]\nid = "{a}"\ntitle = "{a}"\nrule = "grad_credits"\n'
            'required = 20\nunit = "credits"\n'
            f'[requirement_set.area.params]\ngrad_area = "{a}"\n'
            for a in areas
        ),
        encoding="utf-8",
    )
    (out / "templates.toml").write_text(
        '[[template]]\nid = "four-year"\ntitle = "4-year plan"\n\n'
        + "\n".join(
            f'[[template.year]]\nlabel = "Grade {g}"\nkind = "high_school"\ngrade_level = {g}\n'
            for g in range(9, 13)
        ),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of courses")
    parser.add_argument("out", type=Path, help="folder to create (must not exist)")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("N must be at least 10")
    if args.out.exists():
        parser.error(f"{args.out} already exists")
    make_pack(args.n, args.out)
    print(f"wrote {args.n} courses to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
