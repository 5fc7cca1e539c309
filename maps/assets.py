"""The JavaScript and CSS a map needs, inlined or linked.

Leaflet comes from the ``xstatic-leaflet`` package installed from PyPI, so a
self-contained map carries a known, registry-published copy and this
repository carries no third-party code. Our own runtime (``static/``) is always
inlined: it is small and versioned with the data format it reads.
"""
from __future__ import annotations

import base64
import functools
import json
import logging
import pathlib
import re

from .errors import MapError

log = logging.getLogger(__name__)

_STATIC = pathlib.Path(__file__).resolve().parent / "static"
_CDN = "https://cdn.jsdelivr.net/npm/leaflet@{version}/dist/{name}"


def _leaflet_dir() -> tuple[pathlib.Path, str]:
    try:
        import xstatic.pkg.leaflet as xleaflet
    except ImportError:  # pragma: no cover - a broken install, not bad input
        raise MapError("the xstatic-leaflet package is missing; run: pip install xstatic-leaflet "
                       "(or write the map with --cdn)") from None
    return pathlib.Path(xleaflet.BASE_DIR), str(xleaflet.VERSION)


def leaflet_version() -> str:
    return _leaflet_dir()[1]


def _script_safe(text: str) -> str:
    # An inlined script ends at the first "</script"; a source map comment
    # would make devtools fetch a file that is not there.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)


@functools.lru_cache(maxsize=None)
def leaflet_js() -> str:
    base, _ = _leaflet_dir()
    return _script_safe((base / "leaflet.js").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def leaflet_css() -> str:
    """leaflet.css with its images as data URIs, so the layer control icon shows offline."""
    base, _ = _leaflet_dir()
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match) -> str:
        path = base / match.group(1)
        if not path.is_file():
            return match.group(0)
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{payload})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    return css.replace("</", "<\\/")


@functools.lru_cache(maxsize=None)
def runtime_js() -> str:
    return _script_safe((_STATIC / "frontline.js").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def runtime_css() -> str:
    return (_STATIC / "frontline.css").read_text(encoding="utf-8")


def head_html(*, cdn: bool = False) -> str:
    """The <head> markup for Leaflet plus the frontline runtime.

    ``cdn=True`` links Leaflet from jsDelivr (smaller file, needs a network);
    otherwise everything is inlined and the file opens offline.
    """
    parts = []
    if cdn:
        version = leaflet_version()
        parts.append(f'<link rel="stylesheet" href="{_CDN.format(version=version, name="leaflet.css")}"/>')
        parts.append(f'<script src="{_CDN.format(version=version, name="leaflet.js")}"></script>')
        parts.append(f"<script>{NO_LEAFLET_JS}</script>")
    else:
        parts.append(f"<style>{leaflet_css()}</style>")
        parts.append(f"<script>{leaflet_js()}</script>")
    parts.append(f"<style>{runtime_css()}</style>")
    # linked Leaflet may not arrive (opened offline): the runtime then stays out of the way
    runtime = runtime_js()
    parts.append(f"<script>if (window.L) {{\n{runtime}\n}}</script>" if cdn else f"<script>{runtime}</script>")
    return "\n".join(parts)


NO_LEAFLET_MESSAGE = (
    "This map could not load Leaflet from cdn.jsdelivr.net: it was written with --cdn, which "
    "needs a network when the map is opened. Open it with a network, or write it again "
    "without --cdn for a file that opens offline.")

# A --cdn page opened offline: one plain message instead of a blank page and script errors.
NO_LEAFLET_JS = """if (!window.L) {
  document.addEventListener("DOMContentLoaded", function () {
    var p = document.createElement("p");
    p.className = "fl-no-leaflet";
    p.setAttribute("role", "alert");
    p.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;margin:0;padding:12px 16px;" +
      "background:#fff3cd;color:#222;border-bottom:1px solid #d8b24c;font:15px/1.4 sans-serif;";
    p.textContent = %s;
    document.body.insertBefore(p, document.body.firstChild);
  });
}""" % json.dumps(NO_LEAFLET_MESSAGE)
