"""Code generation targets: each turns the IR into the files of one language."""
