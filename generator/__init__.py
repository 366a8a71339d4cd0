"""docs2models: Markdown API model docs → typed Python dataclasses and enums."""

__version__ = "0.1.0"
