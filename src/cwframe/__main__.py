"""``python -m cwframe`` runs the command-line interface."""

from cwframe.cli.app import main

main()
