"""Every Go identifier, package name, directory and module path kgen emits is made here.

Rules:
  * identifiers are ASCII letters and digits only, whatever the input (an
    allowlist: anything else separates words), never empty and never
    starting with a digit (an `X`, or `x`, is put in front);
  * exported names are PascalCase words; a word that is a common initialism
    is written in capitals (ID, URL, IP, API, HTTP, ...; plurals too: IPs),
    as Go code spells them; a model keeps its definition's own spelling when
    that is already an exported ASCII identifier (CSIDriver);
  * unexported names (parameters) are lowerCamelCase; Go keywords,
    predeclared identifiers (string, len, any, ... and the newer min, max,
    clear) and the names a method body uses get a trailing underscore;
  * methods never take a name that `go vet` expects to have a standard
    signature (ReadByte, WriteTo, String, ...);
  * names that still clash within one scope get 2, 3, ... in a stable order;
  * package directories are lower-case letters and digits, never a name the
    go tool treats specially (main, internal, vendor, testdata, names
    starting with _ or .) nor a Windows device name;
  * the module path (--package-name) is checked, not rewritten: it is the
    user's own choice, and a wrong one must be reported, not guessed.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata

from kgen.plan.scopes import unique as unique  # the rule every name of the target is made unique by
from kgen.targets.base import DEVICE_NAMES, OptionError, unusable_dir
from kgen.words import Words, split_words

KEYWORDS = frozenset(
    "break case chan const continue default defer else fallthrough for func go goto if import interface map package "
    "range return select struct switch type var".split()
)
PREDECLARED = frozenset(
    "any bool byte comparable complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint "
    "uint8 uint16 uint32 uint64 uintptr true false iota nil append cap clear close complex copy delete imag len make "
    "max min new panic print println real recover".split()
)
# golint's list, plus the Kubernetes API's own (CIDR, CSI, FS, IPC, PID, GID).
INITIALISMS = frozenset(
    "acl api ascii cidr cpu csi css dns eof fs gid guid html http https id ip ipc json lhs pid qps ram rhs rpc sla smtp "
    "sql ssh tcp tls ttl udp ui uid uuid uri url utf8 vm xml xmpp xsrf xss".split()
)
# Methods `go vet` (stdmethods) expects to have a fixed signature; generated methods never take these names.
VET_METHODS = frozenset(
    "Format GobDecode GobEncode MarshalJSON MarshalXML Peek ReadByte ReadFrom ReadRune Scan Seek UnmarshalJSON "
    "UnmarshalXML UnreadByte UnreadRune WriteByte WriteTo String Error".split()
)
# Directory names the go tool gives a meaning, and the runtime package's own directory.
RUNTIME_DIR = "client"
SPECIAL_DIRS = frozenset({"main", "internal", "vendor", "testdata", "init", RUNTIME_DIR}) | KEYWORDS
_MODULE_ELEMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._~-]*[A-Za-z0-9])?")
_EXPORTED = re.compile(r"[A-Z][A-Za-z0-9]*")
_MAJOR_VERSION = re.compile(r"v[0-9]+")
# Punctuation encoding/json accepts in the name of a struct tag (its isValidTag).
_TAG_PUNCTUATION = frozenset("!#$%&()*+-./:;<=>?@[]^_{|}~ ")
_ASCII_TAG_CHARACTERS = string.ascii_letters + string.digits + "".join(sorted(_TAG_PUNCTUATION))


def _word(word: str, first_lower: bool) -> str:
    if first_lower:
        return word
    if word in INITIALISMS:
        return word.upper()
    if word.endswith("s") and word[:-1] in INITIALISMS:
        return word[:-1].upper() + "s"
    return word[:1].upper() + word[1:]


@functools.lru_cache(maxsize=65536)  # asked for every field, enum value and parameter: a cluster repeats their words
def exported(words: Words, empty: str = "X") -> str:
    """PascalCase with initialisms: ("pod", "ips") -> PodIPs; ("api", "version") -> APIVersion."""
    name = "".join(_word(w, False) for w in words if w.isascii() and w.isalnum())
    if not name:
        return empty
    return name if not name[0].isdigit() else "X" + name


def unexported(words: Words, reserved: frozenset[str] | set[str] = frozenset()) -> str:
    """lowerCamelCase; keywords, predeclared names and `reserved` get a trailing underscore."""
    kept = [w for w in words if w.isascii() and w.isalnum()] or ["x"]
    name = kept[0] + "".join(_word(w, False) for w in kept[1:])
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if name in KEYWORDS or name in PREDECLARED or name in reserved else name


def type_name(name: str) -> str:
    """A model's type name: the spec's own spelling when it is an exported ASCII identifier, else its words."""
    if _EXPORTED.fullmatch(name):
        return name
    return exported(split_words(name), "Model")


def method_name(words: Words) -> str:
    name = exported(words, "Call")
    return name + "Op" if name in VET_METHODS else name


def package_dir(words: Words) -> str:
    """A package directory, also the package's name: lower-case letters and digits, safe on every system."""
    name = "".join(w for w in words if w.isascii() and w.isalnum()) or "x"
    if name[0].isdigit():
        name = "x" + name
    return name + "_" if name in SPECIAL_DIRS or name in PREDECLARED or unusable_dir(name) else name


def import_alias(dirs: tuple[str, ...]) -> str:
    """What a file calls an imported unit package: its directories joined (core/v1 -> corev1)."""
    return "".join(d.replace("_", "") for d in dirs) or "root"


def check_module_path(path: str) -> str:
    """The module path users import the packages by; refused (ValueError) unless the go tool accepts it as is."""
    elements = path.split("/")
    if len(path) > 200 or not all(_MODULE_ELEMENT.fullmatch(e) and ".." not in e for e in elements):
        raise OptionError(
            f"--package-name {path!r} is not a Go module path: use elements of letters, digits and . _ ~ -, "
            "separated by /, such as example.com/kube"
        )
    if elements[0].lower() != elements[0] or any(e.split(".")[0].lower() in DEVICE_NAMES for e in elements):
        raise OptionError(f"--package-name {path!r}: the first element must be lower case, and no element a device name")
    return path


def root_package(module: str) -> str:
    """The name of the package at the module's root: its last path element, or the one before a /vN suffix."""
    elements = module.split("/")
    last = elements[-2] if len(elements) > 1 and _MAJOR_VERSION.fullmatch(elements[-1]) else elements[-1]
    return package_dir(split_words(last))


@functools.cache  # asked for every field: a cluster's models repeat a few thousand names
def json_name_carried(name: str) -> bool:
    """Whether encoding/json can give a struct field this name (its isValidTag): letters, digits, some punctuation.

    Letters and digits are judged by Unicode 3.2, which every Go release knows,
    so the answer never depends on the Unicode version of Python or Go.
    """
    if not name:
        return False
    if name.isascii():  # ASCII letters and digits are L* and Nd
        return not name.strip(_ASCII_TAG_CHARACTERS)
    for ch in name:
        category = unicodedata.ucd_3_2_0.category(ch)
        if ch not in _TAG_PUNCTUATION and not (category.startswith("L") or category == "Nd"):
            return False
    return True
