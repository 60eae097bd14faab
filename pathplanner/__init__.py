"""PathPlanner: offline education and career plans for California IGP meetings."""

# The one place the version is written: pyproject.toml reads it from here (setuptools
# ``dynamic``), so the app needs no importlib.metadata lookup at start-up (about 20 ms).
__version__ = "0.1.0"
