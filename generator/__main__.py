"""`python -m generator` runs the `docs2models` command."""

from generator.cli import entry

entry()
