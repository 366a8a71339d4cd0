"""Reading an SDK's TypeScript model sources with tree-sitter (see ts_sources.py)."""
