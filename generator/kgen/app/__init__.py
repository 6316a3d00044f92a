"""The command line and one run: settings, the generate/check orchestration, what is printed."""
