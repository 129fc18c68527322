"""What a `nghisu` command line names, read without its parser.

The console entry (``ui.launch``) decides from these words alone whether a line is a verify
command the verification server can answer, before anything heavier is imported; the full
command line (``ui.cli``) uses the same reading to register only the modules a line needs.
"""

# No `from __future__ import annotations`, and Sequence for the type checker only: the console
# command's thin path (ui.launch) imports this module, and each is one more module to load there.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

#: Global options that take a value (the word after them is not the command).
VALUE_OPTIONS = ("--store", "--database-url")
HELP = ("-h", "--help")


def command_word(argv: "Sequence[str]") -> str | None:
    """The command a line names (the first word that is neither an option nor an option's
    value), or None: no command, or a help request before it."""
    words = iter(argv)
    for word in words:
        if word in HELP:
            return None
        if word in VALUE_OPTIONS:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None
