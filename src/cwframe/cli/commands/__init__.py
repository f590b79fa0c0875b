"""One module per subcommand; app.py registers each on the single Typer app."""
