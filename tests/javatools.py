"""The Java toolchain for the tests: javac/java, and the generated clients' two jars, a clear skip when absent.

CI installs Debian's openjdk-17-jdk-headless and maven; elsewhere `apt-get
install openjdk-17-jdk-headless maven`. Generated code depends on
jackson-core and snakeyaml-engine only; their jars come from the user's Maven
repository (~/.m2), resolved once through `mvn dependency:build-classpath` on a
small pom written to a cache directory (offline when ~/.m2 already holds them,
else from Maven Central the first time), and the classpath is kept there so
later sessions skip Maven. Everything compiles with `--release 17 -Xlint:all
-Werror`: a warning fails the test that compiled the code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

JACKSON_CORE = ("com.fasterxml.jackson.core", "jackson-core", "2.18.2")
SNAKEYAML_ENGINE = ("org.snakeyaml", "snakeyaml-engine", "2.9")
DEPENDENCIES = (JACKSON_CORE, SNAKEYAML_ENGINE)
JAVAC_FLAGS = ("--release", "17", "-Xlint:all", "-Werror", "-encoding", "UTF-8")


def missing() -> str | None:
    """Why Java tests cannot run here, or None."""
    for tool in ("javac", "java", "mvn"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed: apt-get install openjdk-17-jdk-headless maven (CI does)"
    return None


def cache_dir() -> Path:
    """Where the resolved classpath is kept between sessions (KGEN_TEST_JAVA_CACHE, else ~/.cache/kgen-tests/java)."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "kgen-tests" / "java"
    return Path(os.environ.get("KGEN_TEST_JAVA_CACHE", default))


def pom(dependencies: Iterable[tuple[str, str, str]]) -> str:
    """A pom whose only purpose is resolving `dependencies` (groupId, artifactId, version)."""
    entries = "".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>" for g, a, v in dependencies
    )
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        "<groupId>kgen.tests</groupId><artifactId>classpath</artifactId><version>0</version>"
        f"<dependencies>{entries}</dependencies></project>\n"
    )


def _mvn_classpath(directory: Path, offline: bool) -> subprocess.CompletedProcess[str]:
    output = directory / "classpath.txt"
    command = ["mvn", "-q", "-B", *(["-o"] if offline else []), "dependency:build-classpath", f"-Dmdep.outputFile={output}"]
    return subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=900)


def classpath() -> tuple[Path, ...]:
    """The jars generated code compiles and runs with, resolved once and cached on disk."""
    return resolve(DEPENDENCIES)


@cache
def resolve(dependencies: tuple[tuple[str, str, str], ...]) -> tuple[Path, ...]:
    """The jars of `dependencies` and theirs, resolved once and cached on disk (tools too: google-java-format)."""
    text = pom(dependencies)
    directory = cache_dir() / hashlib.sha256(text.encode()).hexdigest()[:16]
    saved = directory / "classpath.txt"
    if saved.is_file():
        jars = tuple(Path(p) for p in saved.read_text("utf-8").split(os.pathsep) if p)
        if jars and all(jar.is_file() for jar in jars):
            return jars
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "pom.xml").write_text(text, "utf-8")
    result = _mvn_classpath(directory, offline=True)
    if result.returncode != 0:
        result = _mvn_classpath(directory, offline=False)
    assert result.returncode == 0, f"mvn dependency:build-classpath failed in {directory}:\n{result.stdout[-4000:]}{result.stderr[-2000:]}"
    jars = tuple(Path(p) for p in saved.read_text("utf-8").strip().split(os.pathsep) if p)
    assert len(jars) >= len(dependencies), f"{saved} lists {jars}"
    return jars


def classpath_arg(*extra: Path) -> str:
    return os.pathsep.join(str(p) for p in (*extra, *classpath()))


def sources(*roots: Path) -> list[Path]:
    """Every .java file under `roots`, sorted (javac's order is then the same on every machine)."""
    return sorted(p for root in roots for p in root.rglob("*.java"))


def javac(files: Iterable[Path], out: Path, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Compile `files` into `out` warning-free (-Xlint:all -Werror); a failure fails the test with javac's output."""
    listed = [str(f) for f in files]
    assert listed, "no Java sources to compile"
    out.mkdir(parents=True, exist_ok=True)
    command = ["javac", *JAVAC_FLAGS, "-cp", classpath_arg(), "-d", str(out), *listed]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"javac failed:\n{result.stdout[-4000:]}{result.stderr[-8000:]}"
    return result


def java(
    classes: Path, main: str, *args: str, env: dict[str, str] | None = None, timeout: float = 300, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the class `main` from `classes` (with the dependency jars); the caller checks the result."""
    command = ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath_arg(classes), main, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}, input=input)
