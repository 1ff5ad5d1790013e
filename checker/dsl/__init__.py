"""The obligations DSL: statement splitting, parsing and the statement AST."""

from checker.dsl.ast import NameRef, Qualifier, Statement
from checker.dsl.parser import DslError, parse_rules

__all__ = ["DslError", "NameRef", "Qualifier", "Statement", "parse_rules"]
