"""Every issue code is triggered by a fixture of its own, at the right file, line and record."""

from __future__ import annotations

from pathlib import Path

import pytest

from pathplanner.catalog.issues import CODES, Severity
from pathplanner.catalog.loader import load_catalog
from tests.catalog.helpers import MINI, copy_pack

COURSE = '[[course]]\nid = "{id}"\ntitle = "T"\n'
CAREER = (
    '[[career]]\nid = "soc-111011"\nsoc_code = "11-1011"\ntitle = "Chief Executives"\n'
    'typical_education = "bachelor"\n'
)
ENTRY = (
    '[[entry_point]]\nid = "e"\ntitle = "E"\nkind = "military"\ninstitution = "I"\naward = "A"\n'
    'typical_years = 4\npathways = ["patient-care"]\n'
)
PATHWAY = '[[pathway]]\nid = "p"\nsector = "{sector}"\ntitle = "P"\n'
STEP = '[[pathway.step]]\nrole = "{role}"\ncourses = ["biology"]\n'
RSET = '[[requirement_set]]\nid = "r"\nkind = "{kind}"\ntitle = "R"\n'

# code -> (files to append, expected file suffix, expected record, expected line or 0 = any)
CASES: dict[str, tuple[dict[str, str], str, str, int]] = {
    "CAT002": (
        {"courses/syntax.toml": '[[course]]\nid = "x"\ntitle = "unterminated\n'},
        "courses/syntax.toml",
        "",
        4,
    ),
    "CAT005": ({"courses/empty.toml": "# nothing yet\n"}, "courses/empty.toml", "", 0),
    "CAT101": ({"courses/extra.toml": '[[cours]]\nid = "x"\n'}, "courses/extra.toml", "", 2),
    "CAT102": (
        {"courses/extra.toml": COURSE.format(id="x") + "colour = 1\n"},
        "courses/extra.toml",
        "course x",
        5,
    ),
    "CAT103": (
        {"courses/extra.toml": '[[course]]\nid = "x"\n'},
        "courses/extra.toml",
        "course x",
        2,
    ),
    "CAT104": (
        {"courses/extra.toml": COURSE.format(id="x") + 'credits = "ten"\n'},
        "courses/extra.toml",
        "course x",
        5,
    ),
    "CAT105": (
        {"courses/extra.toml": COURSE.format(id="x") + 'subject = "basket"\n'},
        "courses/extra.toml",
        "course x",
        5,
    ),
    "CAT106": (
        {"courses/extra.toml": COURSE.format(id="Bad Id")},
        "courses/extra.toml",
        "course Bad Id",
        3,
    ),
    "CAT107": (
        {"sectors.toml": '[[sector]]\nid = "s"\nnumber = 20\ntitle = { es = "x" }\n'},
        "sectors.toml",
        "sector s",
        15,
    ),
    "CAT201": (
        {"courses/extra.toml": COURSE.format(id="biology")},
        "courses/extra.toml",
        "course biology",
        3,
    ),
    "CAT202": (
        {"courses/extra.toml": '[[course]]\nid = "gone"\nremove = true\n'},
        "courses/extra.toml",
        "course gone",
        2,
    ),
    "CAT301": (
        {"courses/extra.toml": COURSE.format(id="x") + 'prerequisites = { course = "nope" }\n'},
        "courses/extra.toml",
        "course x",
        5,
    ),
    "CAT302": (
        {"careers.toml": CAREER + 'pathways = ["nope"]\n'},
        "careers.toml",
        "career soc-111011",
        0,
    ),
    "CAT303": (
        {"pathways/extra.toml": PATHWAY.format(sector="nope") + STEP.format(role="capstone")},
        "pathways/extra.toml",
        "pathway p",
        4,
    ),
    "CAT304": (
        {
            "requirements/extra.toml": RSET.format(kind="indicator")
            + '[requirement_set.params]\nentry_points = ["nope"]\n'
        },
        "requirements/extra.toml",
        "requirement set r",
        0,
    ),
    "CAT305": (
        {"entry-points.toml": ENTRY + 'careers = ["soc-000000"]\n'},
        "entry-points.toml",
        "entry point e",
        0,
    ),
    "CAT306": (
        {"entry-points.toml": ENTRY + '[entry_point.expects]\nrequirement_sets = ["nope"]\n'},
        "entry-points.toml",
        "entry point e",
        0,
    ),
    "CAT401": (
        {
            "courses/extra.toml": COURSE.format(id="a")
            + 'prerequisites = { course = "b" }\n'
            + COURSE.format(id="b")
            + 'prerequisites = { course = "a" }\n'
        },
        "courses/extra.toml",
        "course a",
        5,
    ),
    "CAT402": (
        {"courses/extra.toml": COURSE.format(id="x") + "grade_min = 12\ngrade_max = 9\n"},
        "courses/extra.toml",
        "course x",
        5,
    ),
    "CAT403": (
        {
            "pathways/extra.toml": PATHWAY.format(sector="public-services")
            + STEP.format(role="introductory")
        },
        "pathways/extra.toml",
        "pathway p",
        2,
    ),
    "CAT404": (
        {"courses/extra.toml": COURSE.format(id="x") + 'grad_areas = ["underwater"]\n'},
        "courses/extra.toml",
        "course x",
        5,
    ),
    "CAT406": (
        {
            "requirements/extra.toml": RSET.format(kind="graduation")
            + '[[requirement_set.area]]\nid = "x"\ntitle = "X"\nrule = "grad_credits"\n'
            + "cohort_from = 2030\ncohort_to = 2020\n"
        },
        "requirements/extra.toml",
        "requirement set r",
        10,
    ),
    "CAT407": (
        {
            "pathways/extra.toml": PATHWAY.format(sector="public-services")
            + STEP.format(role="capstone")
            + STEP.format(role="introductory")
        },
        "pathways/extra.toml",
        "pathway p",
        9,
    ),
    "CAT408": (
        {"careers.toml": CAREER},
        "careers.toml",
        "career soc-111011",
        0,
    ),
    "CAT410": (
        {
            "pathways/extra.toml": PATHWAY.format(sector="public-services")
            + STEP.format(role="capstone").replace('["biology"]', '["sports-medicine"]')
        },
        "pathways/extra.toml",
        "pathway p",
        6,
    ),
    "CAT409": (
        {
            "sectors.toml": (
                '[[sector]]\nid = "public-services"\nnumber = 9\ntitle = "Public Services"\n'
            )
        },
        "sectors.toml",
        "sector public-services",
        0,
    ),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_code_has_a_fixture_that_triggers_it(tmp_path: Path, code: str) -> None:
    files, file_suffix, record, line = CASES[code]
    # sector "public-services" is used by some cases; add it unless the case is about sectors
    if code not in ("CAT107", "CAT409"):
        files = {**files}
        files["sectors.toml"] = (
            files.get("sectors.toml", "")
            + '[[sector]]\nid = "public-services"\nnumber = 14\ntitle = "Public Services"\n'
        )
    pack = copy_pack(tmp_path, files=files)
    result = load_catalog(pack)
    found = [i for i in result.issues if i.code == code]
    assert found, [i.format() for i in result.issues]
    issue = found[0]
    assert issue.file.endswith(file_suffix)
    assert issue.record == record
    if line:
        assert issue.line == line, issue.format()
    assert issue.severity is CODES[code].severity
    assert issue.hint
    if CODES[code].severity is Severity.ERROR:
        assert result.catalog is None
    else:
        assert result.catalog is not None, [i.format() for i in result.issues]


def test_unreadable_file_CAT001(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    (pack / "courses" / "latin1.toml").write_bytes(
        '[[course]]\nid = "x"\ntitle = "Espa\xf1ol"\n'.encode("cp1252")
    )
    result = load_catalog(pack)
    (issue,) = [i for i in result.issues if i.code == "CAT001"]
    assert issue.file == "mini/courses/latin1.toml" and issue.line == 3
    assert result.catalog is None


def test_not_a_pack_CAT003(tmp_path: Path) -> None:
    result = load_catalog(tmp_path)
    assert [i.code for i in result.issues] == ["CAT003"]
    assert load_catalog(tmp_path / "missing").issues[0].code == "CAT003"


def test_missing_base_pack_CAT004(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    text = (
        (pack / "pack.toml")
        .read_text(encoding="utf-8")
        .replace("notes =", 'extends = "nowhere"\nnotes =')
    )
    (pack / "pack.toml").write_text(text, encoding="utf-8")
    result = load_catalog(pack)
    assert [i.code for i in result.issues] == ["CAT004"]
    assert "nowhere" in result.issues[0].message


def test_unknown_rule_CAT405_only_when_rules_are_known() -> None:
    assert load_catalog(MINI).ok
    result = load_catalog(MINI, known_rules=frozenset({"grad_credits"}))
    (issue,) = [i for i in result.issues if i.code == "CAT405"]
    assert "ag_science" in issue.message and issue.record == "requirement set uc"
    assert load_catalog(MINI, known_rules=frozenset({"grad_credits", "ag_science"})).ok


def test_area_params_naming_missing_ag_letters_CAT404(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    path = pack / "requirements" / "grad.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('ag_areas = ["d"]', 'ag_areas = ["d", "h"]'),
        encoding="utf-8",
    )
    result = load_catalog(pack)
    (issue,) = [i for i in result.issues if i.code == "CAT404"]
    assert "`h`" in issue.message and issue.record == "requirement set uc area d"


def test_every_code_is_tested_or_documented() -> None:
    tested = set(CASES) | {"CAT001", "CAT003", "CAT004", "CAT405", "CAT901"}
    assert tested == set(CODES)
    doc = (Path(__file__).resolve().parents[2] / "docs" / "catalog.md").read_text(encoding="utf-8")
    for code, info in CODES.items():
        assert f"`{code}`" in doc and info.name in doc, code


def test_issues_are_values_with_locations() -> None:
    from pathplanner.catalog.issues import make_issue

    issue = make_issue("CAT301", "boom", file="p/c.toml", line=3, column=2, record="course x")
    assert issue.location() == "p/c.toml:3:2"
    assert issue.format().startswith("p/c.toml:3:2: error CAT301 [course x]: boom")
    assert issue.to_dict()["name"] == "unknown-course"


def test_cycles_are_named_once_each_with_their_courses(tmp_path: Path) -> None:
    def course(cid: str, needs: str = "", concurrent: bool = False) -> str:
        text = COURSE.format(id=cid)
        if needs:
            flag = ", concurrent = true" if concurrent else ""
            text += f'prerequisites = {{ course = "{needs}"{flag} }}\n'
        return text + "\n"

    files = {
        "courses/cycles.toml": (
            course("upstream", "c1")  # requires a cycle: not itself on one
            + course("c1", "c2")
            + course("c2", "c3")
            + course("c3", "c1")
            + course("c3-next", "c3")
            + course("self", "self")
            + course("pair-a", "pair-b", concurrent=True)  # taken together: not a cycle
            + course("pair-b", "pair-a", concurrent=True)
            + course("x", "biology")  # an ordinary chain into the fixture's courses
        )
    }
    result = load_catalog(copy_pack(tmp_path, files=files))
    cycles = sorted(i.message for i in result.issues if i.code == "CAT401")
    assert cycles == [
        "prerequisite cycle: c1 requires c2 requires c3 requires c1",
        "prerequisite cycle: self requires self",
    ]
