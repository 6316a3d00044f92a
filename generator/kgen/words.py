"""Split names of any style into lower-case ASCII words; every target builds its names from these.

Rules (in order, per alphanumeric run):
  * a version word stays whole: V1, v1beta2;
  * an acronym plural stays whole: IPs, CIDRs, APIs;
  * an acronym ends before the capital that starts the next word: CSIDriver -> CSI, Driver;
  * so does a single capital: OAuth2Client -> O, Auth2, Client; isAValidToken -> is, A, Valid, Token;
  * a capitalised or lower-case word keeps trailing digits: int32, Ipv6;
  * anything else that is not an ASCII letter or digit separates words.
"""

from __future__ import annotations

import re
from functools import lru_cache

Words = tuple[str, ...]

_TOKEN = re.compile(
    r"""
      [Vv]\d+(?:alpha\d*|beta\d*)?(?![a-z])     # version word
    | [A-Z]{2,}s(?=[A-Z0-9]|$)                  # acronym plural
    | [A-Z]{2,}(?=[A-Z][a-z]|[0-9]|$)           # acronym
    | [A-Z]?[a-z]+[0-9]*                        # word
    | [A-Z](?=[A-Z][a-z])(?![A-Z]v(?:\d|$))      # a one-letter word (not the I of IPv6)
    | [A-Z]+[0-9]*                              # capitals
    | [0-9]+                                    # number
    """,
    re.VERBOSE,
)
_RUN = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=65536)
def split_words(text: str) -> Words:
    return tuple(m.group(0).lower() for run in _RUN.findall(text) for m in _TOKEN.finditer(run))


def remove_run(words: Words, run: Words) -> Words:
    """`words` without the first contiguous occurrence of `run` (unchanged if absent or if nothing would remain)."""
    if not run:
        return words
    for start in range(len(words) - len(run) + 1):
        if words[start : start + len(run)] == run:
            rest = words[:start] + words[start + len(run) :]
            return rest or words
    return words


def group_words(group: str) -> Words:
    """An API group as the apiserver names it in tags: networking.k8s.io -> networking; "" -> core."""
    if group == "":
        return ("core",)
    return split_words(group.removesuffix(".k8s.io"))
