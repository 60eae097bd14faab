"""The catalog layer: reading, checking, caching and searching catalog packs.

Modules (import the one you need; this package imports nothing itself, to keep start-up lean):

* :mod:`~pathplanner.catalog.loader` - ``load_catalog(path)``: files -> validated ``Catalog``
* :mod:`~pathplanner.catalog.compiled` - ``load_catalog_cached`` / ``load_catalog_or_last_good``
* :mod:`~pathplanner.catalog.search` - ``SearchIndex`` over courses, pathways, entry points, careers
* :mod:`~pathplanner.catalog.importers` - A-G course list and course master CSV importers
* :mod:`~pathplanner.catalog.writer` - records back to TOML files people can edit
* :mod:`~pathplanner.catalog.issues` - the coded issues (``CAT001``...) every problem becomes
* :mod:`~pathplanner.catalog.records`, :mod:`~pathplanner.catalog.tomlread`,
  :mod:`~pathplanner.catalog.validate` - the parts of loading

See docs/catalog-format.md (the file format) and docs/catalog.md (validating, layering, importing).
"""
