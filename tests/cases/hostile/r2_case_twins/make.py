"""Names that differ only in case: doc files `Foo.md` and `foo.md`, titles `FooBar` and
`Foobar`, folders `Models/` and `models/`. Written here, not kept in git, so the
repository still checks out on a case-insensitive file system; the generated package must
not depend on telling such names apart either (no two output paths that differ only in
case)."""

from __future__ import annotations

from pathlib import Path

TABLE = "| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |\n"


def make(specs: Path) -> None:
    lower, upper = specs / "models", specs / "Models"
    lower.mkdir(parents=True)
    upper.mkdir()
    (lower / "Foo.md").write_text("# Foo\n\n## Values\n\n- `a`\n", encoding="utf-8")
    (lower / "foo.md").write_text("# FOO\n\nThe same, in capitals.\n\n## Values\n\n- `b`\n")
    (lower / "foobar.md").write_text("# FooBar\n\n## Values\n\n- `c`\n", encoding="utf-8")
    (lower / "foo_bar.md").write_text(
        "# Foobar\n\n## Fields\n\n" + TABLE + "| `twin` | [FooBar](foobar.md) | "
        ":heavy_minus_sign: | The other spelling. |\n"
        "| `upper` | [Other](../Models/other.md) | :heavy_minus_sign: | In `Models/`. |\n",
        encoding="utf-8",
    )
    (upper / "other.md").write_text("# Other\n\nA doc in `Models/`.\n", encoding="utf-8")
    (upper / "foo.md").write_text("# Fooo\n\nA `foo.md` in the other folder.\n")
