"""Entry point of the frozen executables: the GUI without arguments, the CLI with a command."""

import sys

from wizard.cli import main

if __name__ == "__main__":
    sys.exit(main())
