"""`python -m generator` runs the `docs2models` command."""

from generator.cli import main

raise SystemExit(main())
