"""``python -m relgraph`` runs the command-line interface."""

from relgraph.cli import main

if __name__ == "__main__":  # pragma: no cover
    main()
