"""Report input: bytes -> text (UTF-8, BOM, HTML) and text -> sentences with offsets.

Offsets always index the text exactly as it is handed to the extractor, so a
quote's span can be checked against the input (``text[start:end] == quote``).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..errors import InputError

log = logging.getLogger(__name__)

# Reports are long prose: a few MB is plenty; larger files are almost surely not reports.
MAX_BYTES = 64 * 1024 * 1024

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<div|<p[\s>]|<article)",
                         re.IGNORECASE)
_BLOCK_TAGS = frozenset("""address article aside blockquote br dd div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul
title""".split())
_SKIP_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "head"))


class _TextExtractor(HTMLParser):
    """Visible text of a page, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
            if tag == "li":
                self.parts.append("• ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # source line breaks inside a block are wrapping, not structure
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page: scripts and styles dropped, blocks as paragraphs."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    # A paragraph per block keeps sentences of different blocks apart.
    return re.sub(r"\n{2,}", "\n\n", text.replace("\n", "\n\n")).strip() + "\n"


def looks_like_html(data: bytes, name: str = "") -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_SNIFF.match(data[:2048].lstrip(b"\xef\xbb\xbf")))


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Text from report bytes: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252; binary is refused."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Windows editors save "Unicode" text as UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 text but cannot be decoded; "
                             "save the report as UTF-8 and try again") from None
    if b"\x00" in data[:65536]:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes); "
                         "give a plain-text or HTML report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InputError(f"{name}: is neither UTF-8 nor Windows-1252 text; "
                             "save the report as UTF-8 and try again") from None
        log.info("%s is not UTF-8; read it as Windows-1252", name)
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.01:
        raise InputError(f"{name}: looks like a binary file (control characters); "
                         "give a plain-text or HTML report")
    return text


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_report(path: str | os.PathLike) -> str:
    """The text of a report file: decoded, HTML stripped, line endings made '\\n'."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        if size > MAX_BYTES:
            raise InputError(f"{name}: {size} bytes is too large for a report "
                             f"(limit {MAX_BYTES // (1024 * 1024)} MB)")
        with open(name, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a report file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    text = decode_bytes(data, name)
    if looks_like_html(data, name):
        text = html_to_text(text)
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(f"{name}: is empty; give a report with text in it")
    return text


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = frozenset("""gen lt col maj capt sgt adm mr mrs ms dr st no nos vs etc e.g i.e approx
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k km mt fig cf al inc ltd co corp""".split())
_PARA_SPLIT = re.compile(r"\n[ \t\r\f\v]*\n|\n(?=[ \t]*[•\-\*\u2022\u25cf▪]\s)")
# Footnote markers ("... near Toretsk.[12] Russian ...") stay with the sentence they close.
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:\[\d{1,3}\])*(?=\s+[\"'“‘(\[]?[A-Z0-9•])|[.!?]+[\"'”’)\]]*(?:\[\d{1,3}\])*\s*$")
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_BULLET = re.compile(r"^[ \t]*[•\-\*\u2022\u25cf▪][ \t]+")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their exact character spans, numbered by paragraph.

    Paragraphs are blank-line separated blocks or bullet items; a single line
    break inside a paragraph does not end a sentence (wrapped text).
    """
    out: list[Sentence] = []
    para = 0
    pos = 0
    bounds = [m.start() for m in _PARA_SPLIT.finditer(text)] + [len(text)]
    for stop in bounds:
        block_start = pos
        pos = stop
        _split_block(text, block_start, stop, para, out)
        para += 1
    return out


def _split_block(text: str, start: int, stop: int, para: int, out: list[Sentence]) -> None:
    block = text[start:stop]
    m = _BULLET.match(block)
    offset = m.end() if m else 0
    while offset < len(block) and block[offset].isspace():
        offset += 1
    if offset >= len(block):
        return
    sent_start = offset
    text_end = len(block.rstrip())  # once per block, not once per full stop
    for m in _SENT_END.finditer(block, offset):
        if m.end() >= text_end:
            word = None  # the block's last stop ends a sentence whatever precedes it
        else:
            word = _LAST_WORD.search(block, max(sent_start, m.start() - 16), m.start())
        if word and (word.group(1).lower().rstrip(".") in _ABBREV or len(word.group(1)) == 1):
            continue  # "Gen. Naiev", "U.S. officials", initials
        end = m.end()
        while end > sent_start and block[end - 1].isspace():
            end -= 1
        _emit(text, start + sent_start, start + end, para, out)
        sent_start = end
        while sent_start < len(block) and block[sent_start].isspace():
            sent_start += 1
    if sent_start < len(block):
        end = len(block)
        while end > sent_start and block[end - 1].isspace():
            end -= 1
        _emit(text, start + sent_start, start + end, para, out)


# No real sentence is this long; a run of text without full stops (a table, a list) is cut
# into pieces at spaces so the cost of reading a sentence stays bounded.
MAX_SENTENCE = 2000


def _emit(text: str, s: int, e: int, para: int, out: list[Sentence]) -> None:
    while e - s > MAX_SENTENCE:
        cut = text.rfind(";", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        if cut < 0:
            cut = text.rfind(" ", s + MAX_SENTENCE // 2, s + MAX_SENTENCE)
        if cut < 0:
            cut = s + MAX_SENTENCE
        else:
            cut += 1
        piece_end = cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > s:
            out.append(Sentence(s, piece_end, text[s:piece_end], para))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        out.append(Sentence(s, e, text[s:e], para))


def word_start(s: str, i: int) -> int:
    """``i``, moved past the rest of a word it falls inside, so that a look back over a window of
    ``s[i:]`` starts at a word ("gover|nor" is no "nor")."""
    while 0 < i < len(s) and (s[i - 1].isalnum() or s[i - 1] == "-") and (s[i].isalnum() or s[i] == "-"):
        i += 1
    return i
