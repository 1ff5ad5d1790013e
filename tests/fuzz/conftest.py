"""The fuzz suite's profiles are registered by tests/conftest.py (importing tests.fuzz.harness),
early enough for `--hypothesis-profile=long`; see harness.py and docs/fuzzing.md."""
