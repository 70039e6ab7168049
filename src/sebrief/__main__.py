"""``python -m sebrief``: the same as the ``sebrief`` command."""

from sebrief.cli import main

main()
