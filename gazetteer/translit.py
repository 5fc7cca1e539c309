"""Romanizations of Cyrillic place names, the way English-language reports write them.

GeoNames lists Cyrillic names for nearly every town in the theater but only
some Latin spellings; reports use Russian transliterations (Nikolayev,
Kleshcheyevka, Zhelannoye) as often as Ukrainian ones (Klishchiivka). Each
Cyrillic name yields a few romanizations, used only as lookup keys.
"""
from __future__ import annotations

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ж": "zh", "ь": "", "ъ": "", "'": "", "’": "", "ʼ": "",
}
_VOWELS = set("аеёиоуыэюяіїєaeiouy")

# scheme -> letters that differ; a tuple is (at word start or after a vowel/sign, elsewhere)
_RU_BGN = {"г": "g", "е": ("ye", "e"), "ё": ("yo", "e"), "и": "i", "й": "y", "ы": "y", "э": "e",
           "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye"}
_RU_SIMPLE = {"г": "g", "е": "e", "ё": "e", "и": "i", "й": "i", "ы": "y", "э": "e",
              "ю": "yu", "я": "ya", "і": "i", "ї": "i", "є": "e"}
_UK_NATIONAL = {"г": "h", "ґ": "g", "е": "e", "и": "y", "і": "i", "ї": ("yi", "i"), "є": ("ye", "ie"),
                "й": ("y", "i"), "ю": ("yu", "iu"), "я": ("ya", "ia"), "ё": "io", "ы": "y", "э": "e"}
_UK_Y = {"г": "h", "ґ": "g", "е": "e", "и": "y", "і": "i", "ї": "yi", "є": "ye",
         "й": "y", "ю": "yu", "я": "ya", "ё": "yo", "ы": "y", "э": "e"}

_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэёъ")


def _apply(text: str, scheme: dict, after_vowel: bool = True) -> str:
    out = []
    prev = ""
    for ch in text.lower():
        rule = scheme.get(ch, _COMMON.get(ch))
        if rule is None:
            out.append(ch)
        elif isinstance(rule, tuple):
            # Russian BGN writes 'ye' after vowels too; Ukraine's national system only word-initially
            start = not prev or not prev.isalpha() or (after_vowel and (prev in _VOWELS or prev in "ьъ'’ʼ"))
            out.append(rule[0] if start else rule[1])
        else:
            out.append(rule)
        prev = ch
    return "".join(out)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def romanizations(text: str, ukrainian: bool = True) -> set[str]:
    """Latin spellings of a Cyrillic name ('Николаев' -> {'nikolayev', 'nikolaev', ...}); {} otherwise.

    Ukrainian schemes only when ``ukrainian`` (a place in Ukraine): nobody writes
    Russia's Dzerzhinsk as 'Dzerzhynsk', and such keys would steal Toretsk's former name.
    """
    if not is_cyrillic(text):
        return set()
    low = set(text.lower())
    schemes = []
    if not low & _UKRAINIAN_LETTERS:
        schemes += [_RU_BGN, _RU_SIMPLE]
    if ukrainian and not low & _RUSSIAN_LETTERS:
        schemes += [_UK_NATIONAL, _UK_Y]
    return {_apply(text, s, after_vowel=s is not _UK_NATIONAL) for s in schemes}
