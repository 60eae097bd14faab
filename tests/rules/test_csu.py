"""CSU A-G differences from UC (california-rules.md section 2)."""

from __future__ import annotations

from tests.rules.helpers import codes, node, rec, run, status, year


def test_csu_accepts_c_minus_without_flag():
    """california-rules.md 2 (Minimum grade): "C- counts" at the CSU."""
    a = run(year("band", 9, "C-"), sets=("csu",))
    assert status(a, "csu/f") == "met"
    assert "c-minus-counted" not in [f.code for f in a.findings()]


def test_csu_rejects_d_plus():
    """california-rules.md 2 (Minimum grade): C- or better; a D+ does not count."""
    assert status(run(year("band", 9, "D+"), sets=("csu",)), "csu/f") == "short"


def test_csu_history_us_plus_social_science():
    """california-rules.md 2 row a: 1 year U.S. history and 1 year of social science; no
    world-history requirement.
    """
    t = [*year("us-history", 11), rec("economics", 12, "S1"), rec("civics", 12, "S2")]
    a = run(t, sets=("csu",))
    assert status(a, "csu/a") == "met"


def test_csu_social_science_may_come_from_g():
    """california-rules.md 2 row a: the social-science year may be from "a" or "g"."""
    t = [*year("us-history", 11), rec("psychology", 12, "S1"), rec("economics", 12, "S2")]
    assert status(run(t, sets=("csu",)), "csu/a") == "met"


def test_csu_history_without_social_science_is_short():
    """california-rules.md 2 row a: U.S. history alone is not enough."""
    a = run(year("us-history", 11), sets=("csu",))
    assert "ag-history-social-science" in codes(a, "csu/a")


def test_csu_world_history_counts_as_social_science():
    """california-rules.md 2 row a: world history is a social science (UC requires it; the CSU
    accepts it).
    """
    a = run(year("us-history", 11) + year("world-history", 10), sets=("csu",))
    assert status(a, "csu/a") == "met"


def test_csu_science_needs_biological_and_physical():
    """california-rules.md 2 row d: "1 physical + 1 biological"."""
    assert status(run(year("biology", 9) + year("chemistry", 10), sets=("csu",)), "csu/d") == "met"


def test_csu_science_chemistry_and_physics_lack_biological():
    """california-rules.md 2 row d: two physical sciences miss the biological year (UC would accept
    them).
    """
    t = year("chemistry", 9) + year("physics", 10)
    a = run(t, sets=("uc", "csu"))
    assert status(a, "uc/d") == "met"
    assert status(a, "csu/d") == "short"
    f = next(f for f in node(a, "csu/d").findings if f.code == "ag-science-group")
    assert f.params["group"] == "biological"


def test_csu_earth_space_is_physical():
    """california-rules.md 2 row d (Humboldt page): earth science counts as the physical science."""
    assert (
        status(run(year("biology", 9) + year("earth-space-science", 10), sets=("csu",)), "csu/d")
        == "met"
    )


def test_csu_integrated_science_can_fill_one_group():
    """california-rules.md 2 row d: "integrated/interdisciplinary courses can meet it"."""
    assert (
        status(run(year("biology", 9) + year("integrated-science", 10), sets=("csu",)), "csu/d")
        == "met"
    )


def test_csu_esl_limit():
    """california-rules.md 2 row b: "not more than 1 year of ESL/ELD"."""
    t = year("eld-1", 9) + year("eld-2", 10) + year("english-11", 11) + year("english-12", 12)
    assert status(run(t, sets=("csu",)), "csu/b") == "short"


def test_csu_pass_window():
    """california-rules.md 2 (Pass/credit): credit/pass accepted for Winter 2020 - Summer 2021 terms
    only.
    """
    t = [rec("english-10", 10, "S2", "CR", school_year=2020)]
    a = run(t, sets=("csu",), cls=2022)
    assert node(a, "csu/b").completed == 0.5


def test_csu_middle_school_math_counts():
    """california-rules.md 2 (Validation row, LAUSD): CSU grants credit for C and E courses taken in
    middle school.
    """
    t = year("algebra-1-ms", 8) + year("geometry", 9) + year("algebra-2", 10)
    assert status(run(t, sets=("csu",)), "csu/c") == "met"
