"""Plans and what is in them. Each method is one transaction and bumps the student's revision.

At most one plan per student is current (a partial unique index guarantees it); the first plan
a student gets becomes current, and deleting the current plan makes the newest remaining one
current, so a student with plans always has exactly one current plan.
"""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from pathplanner.domain.student import (
    Activity,
    Override,
    Plan,
    PlannedItem,
    PlanStatus,
    PostsecondaryStep,
    Term,
)
from pathplanner.storage.errors import NotFoundError
from pathplanner.storage.repositories.base import Repository, plan_owner, touch
from pathplanner.storage.repositories.rows import (
    activities_t,
    activity_values,
    delete_plan_children,
    entry_points_t,
    insert_plan_children,
    item_values,
    items_t,
    load_plans,
    override_values,
    overrides_t,
    plan_values,
    plans_t,
    step_values,
    steps_t,
)
from pathplanner.storage.repositories.students import now_iso

# Plan fields :meth:`PlanRepository.update` may change (the rest have their own methods).
UPDATABLE = (
    "name",
    "template_id",
    "status",
    "catalog_id",
    "catalog_version",
    "pathway_id",
    "career_id",
)


class PlanRepository(Repository):
    """CRUD for plans plus fine-grained edits of their items, steps, activities, overrides."""

    # --- reading ---------------------------------------------------------------------------

    def get(self, plan_id: str) -> Plan | None:
        with self._db.reading() as conn:
            rows = conn.execute(select(plans_t).where(plans_t.c.id == plan_id)).mappings().all()
            plans = load_plans(conn, rows)
            return plans[0] if plans else None

    def require(self, plan_id: str) -> Plan:
        plan = self.get(plan_id)
        if plan is None:
            raise NotFoundError(f"The plan {plan_id} does not exist.", "It may have been deleted.")
        return plan

    def list(self, student_id: str) -> builtins.list[Plan]:
        """The student's plans, oldest first."""
        with self._db.reading() as conn:
            rows = (
                conn.execute(
                    select(plans_t)
                    .where(plans_t.c.student_id == student_id)
                    .order_by(plans_t.c.created_at, plans_t.c.id)
                )
                .mappings()
                .all()
            )
            return load_plans(conn, rows)

    def all(self) -> builtins.list[Plan]:
        """Every plan of every student (batch reports; the caseload doesn't need this)."""
        with self._db.reading() as conn:
            rows = (
                conn.execute(select(plans_t).order_by(plans_t.c.student_id, plans_t.c.created_at))
                .mappings()
                .all()
            )
            out: builtins.list[Plan] = []
            for start in range(0, len(rows), 500):  # keep IN (...) lists a sane size
                out.extend(load_plans(conn, rows[start : start + 500]))
            return out

    def current(self, student_id: str) -> Plan | None:
        with self._db.reading() as conn:
            rows = (
                conn.execute(
                    select(plans_t).where(
                        plans_t.c.student_id == student_id, plans_t.c.is_current == 1
                    )
                )
                .mappings()
                .all()
            )
            plans = load_plans(conn, rows)
            return plans[0] if plans else None

    # --- whole plans -----------------------------------------------------------------------

    def save(self, plan: Plan) -> Plan:
        """Insert or replace ``plan`` with everything in it; returns it as stored.

        If ``plan.is_current`` the student's other plans stop being current; a student's first
        plan becomes current whatever it says.
        """
        with self._db.transaction() as conn:
            return save_plan(conn, plan, now_iso())

    def duplicate(self, plan_id: str, new_id: str, name: str) -> Plan:
        """Copy a plan under ``new_id`` as a draft that is not current (child ids are kept)."""
        with self._db.transaction() as conn:
            source = _load_one(conn, plan_id)
            copy = dataclasses.replace(
                source,
                id=new_id,
                name=name,
                is_current=False,
                status=PlanStatus.DRAFT,
                created=None,
            )
            return save_plan(conn, copy, now_iso())

    def mark_current(self, plan_id: str) -> None:
        """Make this plan the student's current plan (and no other)."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            now = now_iso()
            _set_current(conn, student_id, plan_id)
            touch(conn, student_id, now)

    def update(self, plan_id: str, **changes: Any) -> Plan:
        """Change plan-level fields (see ``UPDATABLE``): ``update(pid, status=PlanStatus.FINAL)``.

        ``entry_point_ids`` may also be given (a sequence), replacing the list.
        """
        unknown = set(changes) - set(UPDATABLE) - {"entry_point_ids"}
        if unknown:
            raise TypeError(f"cannot update {sorted(unknown)} with update(); see UPDATABLE")
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            now = now_iso()
            values = {
                k: (v.value if isinstance(v, PlanStatus) else v)
                for k, v in changes.items()
                if k in UPDATABLE
            }
            conn.execute(
                plans_t.update()
                .where(plans_t.c.id == plan_id)
                .values({**values, "updated_at": now})
            )
            if "entry_point_ids" in changes:
                conn.execute(entry_points_t.delete().where(entry_points_t.c.plan_id == plan_id))
                eps = list(changes["entry_point_ids"])
                if eps:
                    conn.execute(
                        entry_points_t.insert(),
                        [
                            {"plan_id": plan_id, "position": n, "entry_point_id": e}
                            for n, e in enumerate(eps)
                        ],
                    )
            touch(conn, student_id, now)
            return _load_one(conn, plan_id)

    def delete(self, plan_id: str) -> None:
        """Delete a plan; if it was current, the newest remaining plan becomes current."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            conn.execute(plans_t.delete().where(plans_t.c.id == plan_id))
            _ensure_one_current(conn, student_id)
            touch(conn, student_id, now_iso())

    # --- planned items ---------------------------------------------------------------------

    def add_item(self, plan_id: str, item: PlannedItem, position: int | None = None) -> None:
        """Add a planned course at ``position`` in the plan's order (default: the end)."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            pos = _insert_position(conn, items_t, plan_id, position)
            conn.execute(items_t.insert().values(item_values(plan_id, pos, item)))
            _edited(conn, student_id, plan_id)

    def update_item(self, plan_id: str, item: PlannedItem) -> None:
        """Replace a planned item's fields (course, grade, term, year, note), same place."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            _item_place(conn, plan_id, item.id)
            values = item_values(plan_id, 0, item)
            del values["position"]
            conn.execute(_one(items_t, plan_id, item.id).values(values))
            _edited(conn, student_id, plan_id)

    def move_item(
        self,
        plan_id: str,
        item_id: str,
        *,
        grade_level: int,
        term: Term,
        school_year: int | None = None,
        position: int | None = None,
    ) -> None:
        """Move a planned course to another grade and term (and place in the order)."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            old_pos = _item_place(conn, plan_id, item_id)
            values: dict[str, Any] = {
                "grade_level": grade_level,
                "term": term.value,
                "school_year": school_year,
            }
            if position is not None and position != old_pos:
                conn.execute(
                    items_t.update()
                    .where(items_t.c.plan_id == plan_id, items_t.c.position > old_pos)
                    .values(position=items_t.c.position - 1)
                )
                values["position"] = _insert_position(conn, items_t, plan_id, position, item_id)
            conn.execute(_one(items_t, plan_id, item_id).values(values))
            _edited(conn, student_id, plan_id)

    def remove_item(self, plan_id: str, item_id: str) -> None:
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            pos = _item_place(conn, plan_id, item_id)
            conn.execute(
                items_t.delete().where(items_t.c.plan_id == plan_id, items_t.c.id == item_id)
            )
            conn.execute(
                items_t.update()
                .where(items_t.c.plan_id == plan_id, items_t.c.position > pos)
                .values(position=items_t.c.position - 1)
            )
            _edited(conn, student_id, plan_id)

    # --- postsecondary steps, activities, overrides ----------------------------------------

    def set_postsecondary(self, plan_id: str, steps: Sequence[PostsecondaryStep]) -> None:
        """Replace the plan's postsecondary steps with ``steps``, in that order."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            conn.execute(steps_t.delete().where(steps_t.c.plan_id == plan_id))
            if steps:
                conn.execute(
                    steps_t.insert(), [step_values(plan_id, n, s) for n, s in enumerate(steps)]
                )
            _edited(conn, student_id, plan_id)

    def add_step(self, plan_id: str, step: PostsecondaryStep) -> None:
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            pos = _insert_position(conn, steps_t, plan_id, None)
            conn.execute(steps_t.insert().values(step_values(plan_id, pos, step)))
            _edited(conn, student_id, plan_id)

    def remove_step(self, plan_id: str, step_id: str) -> None:
        self._remove_child(steps_t, plan_id, step_id, "postsecondary step")

    def set_activities(self, plan_id: str, activities: Sequence[Activity]) -> None:
        """Replace the plan's work-based learning, CTSO and certification entries."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            conn.execute(activities_t.delete().where(activities_t.c.plan_id == plan_id))
            if activities:
                conn.execute(
                    activities_t.insert(),
                    [activity_values(plan_id, n, a) for n, a in enumerate(activities)],
                )
            _edited(conn, student_id, plan_id)

    def add_activity(self, plan_id: str, activity: Activity) -> None:
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            pos = _insert_position(conn, activities_t, plan_id, None)
            conn.execute(activities_t.insert().values(activity_values(plan_id, pos, activity)))
            _edited(conn, student_id, plan_id)

    def remove_activity(self, plan_id: str, activity_id: str) -> None:
        self._remove_child(activities_t, plan_id, activity_id, "activity")

    def add_override(self, plan_id: str, override: Override) -> None:
        """Record a counselor's override; one per (path, code): a second replaces the first."""
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            conn.execute(
                overrides_t.delete().where(
                    overrides_t.c.plan_id == plan_id,
                    overrides_t.c.path == override.path,
                    overrides_t.c.code == override.code,
                )
            )
            conn.execute(overrides_t.insert().values(override_values(plan_id, override)))
            _edited(conn, student_id, plan_id)

    def remove_override(self, plan_id: str, path: str, code: str) -> None:
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            conn.execute(
                overrides_t.delete().where(
                    overrides_t.c.plan_id == plan_id,
                    overrides_t.c.path == path,
                    overrides_t.c.code == code,
                )
            )
            _edited(conn, student_id, plan_id)

    def _remove_child(self, table: Any, plan_id: str, child_id: str, what: str) -> None:
        with self._db.transaction() as conn:
            student_id = plan_owner(conn, plan_id)
            gone = conn.execute(
                table.delete().where(table.c.plan_id == plan_id, table.c.id == child_id)
            )
            if gone.rowcount == 0:
                raise NotFoundError(f"The {what} {child_id} does not exist.")
            _edited(conn, student_id, plan_id)


# --- helpers used inside a transaction ------------------------------------------------------


def save_plan(conn: Connection, plan: Plan, now: str) -> Plan:
    existing = conn.execute(
        select(plans_t.c.created_at, plans_t.c.student_id).where(plans_t.c.id == plan.id)
    ).first()
    if existing is not None and existing.student_id != plan.student_id:
        raise ValueError(f"plan {plan.id} belongs to another student")
    values = plan_values(plan, now)
    values["is_current"] = False  # set below, after the others are cleared
    if existing is None:
        conn.execute(plans_t.insert().values(values))
    else:
        values["created_at"] = existing.created_at
        conn.execute(plans_t.update().where(plans_t.c.id == plan.id).values(values))
        delete_plan_children(conn, plan.id)
    insert_plan_children(conn, plan)
    if plan.is_current:
        _set_current(conn, plan.student_id, plan.id)
    _ensure_one_current(conn, plan.student_id)
    touch(conn, plan.student_id, now)
    return _load_one(conn, plan.id)


def _set_current(conn: Connection, student_id: str, plan_id: str) -> None:
    conn.execute(
        plans_t.update()
        .where(plans_t.c.student_id == student_id, plans_t.c.is_current == 1)
        .values(is_current=False)
    )
    conn.execute(plans_t.update().where(plans_t.c.id == plan_id).values(is_current=True))


def _ensure_one_current(conn: Connection, student_id: str) -> None:
    has = conn.execute(
        select(func.count()).where(plans_t.c.student_id == student_id, plans_t.c.is_current == 1)
    ).scalar()
    if has:
        return
    newest = conn.execute(
        select(plans_t.c.id)
        .where(plans_t.c.student_id == student_id)
        .order_by(plans_t.c.updated_at.desc(), plans_t.c.id)
        .limit(1)
    ).scalar()
    if newest is not None:
        conn.execute(plans_t.update().where(plans_t.c.id == newest).values(is_current=True))


def _load_one(conn: Connection, plan_id: str) -> Plan:
    rows = conn.execute(select(plans_t).where(plans_t.c.id == plan_id)).mappings().all()
    plans = load_plans(conn, rows)
    if not plans:
        raise NotFoundError(f"The plan {plan_id} does not exist.", "It may have been deleted.")
    return plans[0]


def _item_place(conn: Connection, plan_id: str, item_id: str) -> int:
    """The position of a planned item; :class:`NotFoundError` if the plan has no such item."""
    pos = conn.execute(
        select(items_t.c.position).where(items_t.c.plan_id == plan_id, items_t.c.id == item_id)
    ).scalar()
    if pos is None:
        raise NotFoundError(f"The planned course {item_id} does not exist.")
    return int(pos)


def _one(table: Any, plan_id: str, child_id: str) -> Any:
    return table.update().where(table.c.plan_id == plan_id, table.c.id == child_id)


def _insert_position(
    conn: Connection, table: Any, plan_id: str, position: int | None, moving: str | None = None
) -> int:
    """Make room at ``position`` (clamped to the end) and return the position to use."""
    q = select(func.count()).where(table.c.plan_id == plan_id)
    if moving is not None:
        q = q.where(table.c.id != moving)
    size = int(conn.execute(q).scalar() or 0)
    if position is None or position >= size:
        return size
    position = max(position, 0)
    shift = table.update().where(table.c.plan_id == plan_id, table.c.position >= position)
    if moving is not None:
        shift = shift.where(table.c.id != moving)
    # two steps so a (plan_id, position) ordering never collides mid-update
    conn.execute(shift.values(position=table.c.position + 1))
    return position


def _edited(conn: Connection, student_id: str, plan_id: str) -> None:
    now = now_iso()
    conn.execute(plans_t.update().where(plans_t.c.id == plan_id).values(updated_at=now))
    touch(conn, student_id, now)
