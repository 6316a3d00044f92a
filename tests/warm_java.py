"""Resolve the Maven jars the Java tests use into ~/.m2 now (CI runs this once, before the suite).

The generated clients' jackson-core and snakeyaml-engine and the google-java-format
tool come from Maven Central the first time; failing here says so plainly instead
of failing the first Java test with Maven's output.
"""

from __future__ import annotations

import sys

import javaformat
import javatools


def main() -> None:
    why = javatools.missing()
    if why:
        sys.exit(f"the Java tests cannot run: {why}")
    try:
        jars = [*javatools.classpath(), *javatools.resolve((javaformat.GOOGLE_JAVA_FORMAT,))]
    except AssertionError as exc:
        sys.exit(f"could not resolve the Java tests' jars from Maven Central (is it reachable from here?):\n{exc}")
    print(f"Java test jars ready: {len(jars)} in ~/.m2 (classpath cached in {javatools.cache_dir()})")


if __name__ == "__main__":
    main()
