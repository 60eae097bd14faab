"""The rule kinds the engine implements: what a requirement area's ``rule`` may name.

Kept apart from the engine so that loading a catalog, which checks every area's rule against
these names and keys its compiled cache on them, does not import the engine itself (the app
loads the catalog before its first paint and needs the engine only when a student opens).
``tests/rules/test_kinds.py`` checks that the list and the engine's evaluators agree.
"""

from __future__ import annotations

RULE_KINDS: frozenset[str] = frozenset(
    {
        # UC and CSU A-G subject areas (rules/ag.py, AREA_RULES)
        "ag_english",
        "ag_history",
        "ag_math",
        "ag_science",
        "ag_lote",
        "ag_vpa",
        "ag_elective",
        # A-G pattern rules (rules/ag.py, PATTERN_RULES)
        "ag_total",
        "ag_before_last_year",
        "ag_gpa",
        # graduation (rules/graduation.py)
        "grad_courses",
        "grad_credits",
        "credit_total",
        # pathways, prerequisites, course load, entry points (rules/pathway.py)
        "cte_sequence",
        "prerequisites",
        "grade_levels",
        "course_load",
        "entry_readiness",
        # seals and indicators (rules/seals.py)
        "seal_biliteracy",
        "seal_merit_diploma",
        "cci_measure",
    }
)
