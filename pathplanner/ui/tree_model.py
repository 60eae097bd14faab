"""A thin Qt tree model over plain :class:`Node` values.

Screens build a tree of nodes (text per column, data per role, children) from domain objects
and hand it to :class:`NodeModel`; the model only adapts it to Qt. Replacing the tree is one
model reset, which keeps views consistent and the model trivially correct under
``qtmodeltester``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class Node:
    """One row: a text per column, extra data per (column, role), children."""

    texts: list[str]
    roles: dict[tuple[int, int], Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    payload: Any = None
    parent: Node | None = field(default=None, repr=False)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class NodeModel(QAbstractItemModel):
    def __init__(self, headers: list[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._root = Node([])

    @property
    def root(self) -> Node:
        return self._root

    def set_roots(self, nodes: list[Node]) -> None:
        self.beginResetModel()
        self._root = Node([])
        for node in nodes:
            self._root.add(node)
        self.endResetModel()

    def node(self, index: Index) -> Node:
        if index.isValid():
            node = index.internalPointer()
            if isinstance(node, Node):
                return node
        return self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(self._headers) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        node = self.node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self.node(index)
        up = node.parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return node.texts[col] if col < len(node.texts) else ""
        return node.roles.get((col, int(role)), node.roles.get((-1, int(role))))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
