"""`python -m hexamem` runs the `hexamem` command."""

from hexamem.cli import main

main()
