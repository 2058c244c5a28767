"""``python -m vitasim`` runs the command line."""
import sys

from vitasim.cli import main

sys.exit(main())
