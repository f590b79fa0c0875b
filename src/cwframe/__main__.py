"""``python -m cwframe`` runs the command-line interface."""

from cwframe.cli.entry import main

main()
