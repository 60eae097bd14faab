"""PathPlanner: offline education and career plans for California IGP meetings."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("pathplanner")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.1.0"
