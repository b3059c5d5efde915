"""The sidecar database's TinyDB tables: a change touches only the documents it changes.

TinyDB's own `Table` rebuilds a table's whole dict on every insert, update or remove, and
changes a document it updates in place. `ReplacingTable` (the `table_class` of
`SidecarTinyDB`) hands TinyDB's own insert/update/remove code a live view of the stored
table instead (`DocumentsById`), so:

* a change costs what it touches, not the size of the table (one highlight among ten
  thousand is one dict entry);
* a document, once stored, is never changed: the view gives an updater a copy of the
  document it looks up, put in the document's place. Whoever holds a stored document (the
  storage's last-written base, the encoder's cache of encoded rows: reader/annotations/
  sidecar.py) may share it, and may tell an unchanged document by identity.

The values inside documents are never changed in place either (records are rebuilt whole:
reader/annotations/record.py), so copying a document's top level is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table


class DocumentsById(MutableMapping):
    """A table's documents by TinyDB doc id, over the stored layout (string doc ids); looking
    a document up replaces it with a copy first (see the module docstring)."""

    def __init__(self, stored: dict[str, Any], id_class: Callable[[str], Any] = int) -> None:
        self._stored = stored
        self._id_class = id_class

    def __getitem__(self, doc_id: Any) -> Any:
        key = str(doc_id)
        doc = self._stored[key]
        if isinstance(doc, dict):
            doc = self._stored[key] = dict(doc)
        return doc

    def __setitem__(self, doc_id: Any, doc: Any) -> None:
        self._stored[str(doc_id)] = doc

    def __delitem__(self, doc_id: Any) -> None:
        del self._stored[str(doc_id)]

    def __contains__(self, doc_id: object) -> bool:
        return str(doc_id) in self._stored

    def __iter__(self) -> Iterator[Any]:
        return iter([self._id_class(key) for key in self._stored])

    def __len__(self) -> int:
        return len(self._stored)

    def clear(self) -> None:
        self._stored.clear()


class ReplacingTable(Table):
    """A TinyDB table whose changes replace the documents they touch, in the stored table
    itself (no rebuild of the whole table)."""

    def _update_table(self, updater: Callable[[dict[int, Any]], None]) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
        stored = tables.get(self.name)
        if not isinstance(stored, dict):
            stored = tables[self.name] = {}
        updater(DocumentsById(stored, self.document_id_class))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()


class SidecarTinyDB(TinyDB):
    """`TinyDB` whose tables are `ReplacingTable`s."""

    table_class = ReplacingTable
