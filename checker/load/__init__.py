"""Reading source files: bytes → text → YAML nodes with positions → schema-checked data."""
