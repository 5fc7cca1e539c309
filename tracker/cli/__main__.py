"""``python -m tracker.cli``: the frontline command without an installed entry point."""
from . import main

main()
