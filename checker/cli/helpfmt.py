"""Help that shows each command's whole summary (click cuts it at about 45 characters with "...")."""

from __future__ import annotations

import click


class FullHelpGroup(click.Group):
    """A group whose command list gives each command's first sentence in full, wrapped."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
