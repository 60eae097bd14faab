"""``python -m pathplanner`` runs the same entry point as the ``pathplanner`` command."""

import sys

from pathplanner.cli import main

sys.exit(main())
