"""One module per CLI command (or per pair of related commands); see sebrief.cli.COMMANDS."""
