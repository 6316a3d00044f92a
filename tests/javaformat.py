"""google-java-format for the Java target's tests: generated sources must come out as it formats them.

Like `gofmt -l` for Go: `changes` lists the files its --dry-run would rewrite.
It runs as a jar from Maven Central (resolved once through javatools, into
~/.m2), on the machine's Java 17: 1.28.0 is the newest release that runs there.
Its javac internals need the --add-exports below on any Java since 16.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import javatools

GOOGLE_JAVA_FORMAT = ("com.google.googlejavaformat", "google-java-format", "1.28.0")
MAIN = "com.google.googlejavaformat.java.Main"
EXPORTS = tuple(
    f"--add-exports=jdk.compiler/com.sun.tools.javac.{package}=ALL-UNNAMED"
    for package in ("api", "code", "file", "parser", "tree", "util")
)


def classpath() -> str:
    return ":".join(str(jar) for jar in javatools.resolve((GOOGLE_JAVA_FORMAT,)))


def changes(files: list[Path], timeout: float = 1800) -> list[str]:
    """The .java files among `files` that google-java-format would change (one JVM for all of them)."""
    if not files:
        return []
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".args") as argfile:
        argfile.write("\n".join(str(f) for f in files))
        argfile.flush()
        command = ["java", *EXPORTS, "-cp", classpath(), MAIN, "--dry-run", f"@{argfile.name}"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    assert result.returncode in (0, 1) and not result.stderr.strip(), f"google-java-format failed:\n{result.stderr[-4000:]}"
    return result.stdout.split()
