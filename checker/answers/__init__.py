"""Questions over the model (`fwdoc ask`, the site's answers): one module a question kind,
each answer with the rules and clauses that give it and, for a derived answer, its chain.

    who-drafts / who-endorses / who-approves / who-is-consulted / who-is-informed X   roles.py
    object X (every role for a thing: its page on the site)                            roles.py
    who-decides X                                                                      decide.py
    who-acts-for Y (delegations, their limits, sub-delegations)                        delegation.py
    duties Y [--about X] [--from D --to D]                                             duties.py
    accountable Y (every line to the top, through which offices)                       accountable.py
    what-if --move OFFICE --to Z (the same checks on the moved model)                  whatif.py

Answers render as text, JSON or Markdown (render.py); export.py writes the facts the site's
question box reads.
"""

from __future__ import annotations

from checker.answers.base import Answer, AskError, Item, Source, Step

__all__ = ["Answer", "AskError", "Item", "Source", "Step"]
