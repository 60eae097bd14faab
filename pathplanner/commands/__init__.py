"""Subcommands of the ``pathplanner`` command, one module each."""
