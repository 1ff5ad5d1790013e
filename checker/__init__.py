"""fwdoc: governance as code for framework documents."""

__version__ = "0.1.0"
