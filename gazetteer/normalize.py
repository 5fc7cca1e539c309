"""Folding of place names so spellings that differ only in case, diacritics,
apostrophes or hyphens meet on one key.

The same fold is applied when the index is built and when a name is looked up:
it is the contract between the two, so change it only with ``INDEX_VERSION``.
"""
from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not decompose but reports write without their stroke.
_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ħ": "h", "œ": "oe", "æ": "ae",
                        "ŀ": "l", "ʹ": "", "ʺ": ""})
# Apostrophes and soft-sign marks vanish: Torec'k, Torets’k and Toretsk are one name.
_DROP = re.compile(r"[\u0027\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u0060\u00b4\u02b9\u02bb\u02bc\u02bd\u02c8\"ьъ]")
_SEP = re.compile(r"[\s\-\u2010-\u2015_./,;:()\[\]]+")

# Words that say a name is a military training ground rather than a town.
_GROUND_WORDS = re.compile(
    r"\b(?:the|combined[- ]arms|military|training|ground|grounds|range|firing|proving|polygon|"
    r"area|test|site|center|centre|base|camp)\b", re.IGNORECASE)
_GROUND_HINT = re.compile(r"\b(?:training\s+ground|training\s+grounds|range|polygon|proving\s+ground|test\s+site|"
                          r"firing\s+range|training\s+area|training\s+center|training\s+centre)\b",
                          re.IGNORECASE)


@functools.lru_cache(maxsize=100_000)
def fold(name: str) -> str:
    """The lookup key of ``name``: lower case, no diacritics, apostrophes or hyphens.

    >>> fold("Torets’k") == fold("TORETSK") == "toretsk"
    True
    >>> fold("Ulan-Ude")
    'ulan ude'
    """
    if name.isascii():  # the common case: skip Unicode decomposition
        return _SEP.sub(" ", _DROP.sub("", name.lower())).strip()
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_EXTRA)
    text = _DROP.sub("", text)
    return _SEP.sub(" ", text).strip()


def names_a_ground(name: str) -> bool:
    """True when ``name`` carries a word such as 'training ground', 'range' or 'polygon'."""
    return bool(_GROUND_HINT.search(name))


def strip_ground_words(name: str) -> str:
    """'the Baranovsky military training ground' -> 'Baranovsky' (the name without the generic words)."""
    stripped = _GROUND_WORDS.sub(" ", name)
    stripped = re.sub(r"\s+", " ", stripped).strip(" -,")
    return stripped or name.strip()


_KEEP_SCRIPT = re.compile(r"^[\u0000-\u052f\u1e00-\u1eff\u2010-\u201f\u02b0-\u02ff]+$")
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def useful_variant(name: str) -> bool:
    """Keep Latin and Cyrillic spellings; drop other scripts and airport-style codes."""
    return bool(name) and not _CODE.match(name) and bool(_KEEP_SCRIPT.match(name)) \
        and not any(ch.isdigit() for ch in name)


_DIGRAPHS = (("shch", "щ"), ("kh", "x"), ("zh", "ж"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"), ("h", "g"),
             ("w", "v"))
_VOWELS_RE = re.compile(r"[aeiouyj ]+")


def skeleton(key: str) -> str:
    """Consonants of a folded name, for Russian/Ukrainian spelling pairs GeoNames does not list.

    Russian and Ukrainian forms of a village mostly differ in vowels and in g/h:
    Kleshcheyevka/Klishchiivka, Rabotino/Robotyne, Gornyak/Hirnyk, Zhelannoye/Zhelanne
    all share one skeleton. Too loose to use alone: only places in the given
    context (region or nearby points) are taken from it.
    """
    s = key
    for a, b in _DIGRAPHS:
        s = s.replace(a, b)
    s = _VOWELS_RE.sub("", s)
    return re.sub(r"(.)\1+", r"\1", s)
