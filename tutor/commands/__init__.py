"""One module per `tutor` command; see tutor/cli.py."""
