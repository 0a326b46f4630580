"""Indblik — entry point. Everything the shell does (database, role, filters, navigation) is in ui.shell.main."""
from ui.shell import main

main()
