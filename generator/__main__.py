"""`python -m generator` runs the `docs2models` command."""

from .cli import main

raise SystemExit(main())
