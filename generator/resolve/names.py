"""Python names for documented names: classes, modules, attributes, enum members.

Each function is total: whatever the text, it returns a valid, non-keyword identifier.
Names are NFKC-normalized first, as Python itself does with identifiers, so two names that
Python would read as one are seen as one here too.
"""

from __future__ import annotations

import functools
import hashlib
import keyword
import re
import unicodedata
from collections.abc import Iterable


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() and ("_" + ch).isidentifier()


@functools.lru_cache(maxsize=65536)
def _words(name: str) -> tuple[str, ...]:
    return tuple(_split_words(name))


def split_words(name: str) -> list[str]:
    """Words of a name in any casing (cached: the same names come back often)."""
    return list(_words(name))


_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")
_ASCII_WORD_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
"""`_starts_word` for ASCII letters and digits, as positions between two characters."""


def _split_words(name: str) -> list[str]:
    """Words of a name in any casing: `clientId` → client, Id; `URLPath` → URL, Path;
    `ipv4Address` → ipv4, Address; `in-stock` → in, stock. ASCII names (nearly all) are
    split by two regular expressions, others a character at a time; the two agree
    (tests/test_naming.py)."""
    if name.isascii():
        return [w for run in _ASCII_RUN.findall(name) for w in _ASCII_WORD_START.split(run)]
    return _split_words_slowly(name)


def _split_words_slowly(name: str) -> list[str]:
    name = unicodedata.normalize("NFKC", name)
    words: list[str] = []
    current = ""
    for i, ch in enumerate(name):
        if not _is_word_char(ch):
            if current:
                words.append(current)
            current = ""
            continue
        if current and _starts_word(name, i):
            words.append(current)
            current = ""
        current += ch
    if current:
        words.append(current)
    return words


def _starts_word(name: str, i: int) -> bool:
    """A word starts at an upper-case letter after a lower-case letter or digit, or at the
    last capital of an acronym that a lower-case letter follows (`URLPath` → `Path`)."""
    ch, prev = name[i], name[i - 1]
    if not ch.isupper():
        return False
    if prev.islower() or prev.isdigit():
        return True
    nxt = name[i + 1] if i + 1 < len(name) else ""
    return prev.isupper() and nxt.islower()


@functools.lru_cache(maxsize=65536)
def snake_case(name: str) -> str:
    """`clientId` → `client_id`, `URLPath` → `url_path`, `x-api-key` → `x_api_key`."""
    return "_".join(word.lower() for word in split_words(name))


def camel_case(name: str) -> str:
    """`presence_penalty` → `presencePenalty`, `URLPath` → `urlPath`."""
    words = split_words(name)
    if not words:
        return ""
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])


def _guard(name: str, reserved: Iterable[str]) -> str:
    if keyword.iskeyword(name) or name in reserved:
        return name + "_"
    return name


def class_name(title: str, reserved: frozenset[str] = frozenset()) -> str:
    """The doc's `# Name` as a class name, kept as written when it is already valid."""
    title = unicodedata.normalize("NFKC", title.strip())
    if not (title.isidentifier() and not title.startswith("_")):
        title = "".join(word[:1].upper() + word[1:] for word in split_words(title))
    if not title:
        title = "Model"
    elif title[0].isdigit():
        title = "Model" + title
    return _guard(title, reserved)


MAX_FILE_NAME_BYTES = 120
"""The longest module or package name, in UTF-8 bytes (file systems stop at 255)."""


def _fit_file_name(name: str) -> str:
    """`name`, or when too long for a file name its start and a hash of the whole name."""
    if len(name.encode()) <= MAX_FILE_NAME_BYTES:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:10]
    head = name.encode()[: MAX_FILE_NAME_BYTES - len(digest) - 1].decode(errors="ignore")
    return f"{head.rstrip('_')}_{digest}"


def module_name(cls: str, reserved: frozenset[str] = frozenset()) -> str:
    """The module that holds class `cls`: `TokenCreateResponse` → `token_create_response`;
    a name too long for a file is cut and given a hash of the whole."""
    name = snake_case(cls) or "model"
    if name[0].isdigit():
        name = "m_" + name
    return _guard(_fit_file_name(name), reserved)


def package_name(folder: str) -> str:
    """A docs folder as a subpackage name: `operations` stays, `My Folder` → `my_folder`."""
    name = snake_case(folder) or "ns"
    if name[0].isdigit():
        name = "ns_" + name
    return _guard(_fit_file_name(name), ())


def attribute_name(documented: str, reserved: frozenset[str] = frozenset()) -> str:
    """A field's attribute: snake_case of its documented name. Keywords and names the
    module needs for itself (`reserved`) get a trailing `_`; a leading digit gets `field_`."""
    name = snake_case(documented) or "field"
    if name[0].isdigit():
        name = "field_" + name
    return _guard(name, reserved)


def enum_member_name(value: str | int) -> str:
    """UPPER_SNAKE of an enum value: `in-stock` → `IN_STOCK`, `""` → `EMPTY`, `1` → `V_1`,
    `"+"` → `V_2B` (the code points of a value with no letters or digits)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"V_MINUS_{-value}" if value < 0 else f"V_{value}"
    text = str(value)
    if text == "":
        return "EMPTY"
    words = split_words(text)
    if not words:
        return "V_" + "_".join(f"{ord(ch):X}" for ch in text[:16])
    name = "_".join(word.upper() for word in words)
    return "V_" + name if name[0].isdigit() else name


def dedupe(names: list[str], taken: Iterable[str] = ()) -> list[str]:
    """The same names, in order, with later repeats suffixed `_2`, `_3`, …; no result
    equals a name in `taken` either."""
    used = set(taken)
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate in used:
            n += 1
            candidate = f"{name}_{n}"
        used.add(candidate)
        out.append(candidate)
    return out


CLASS_BODY_NAMES = frozenset(
    {"annotations", "dataclass", "field", "Enum", "Any", "Literal", "datetime", "date"}
    | {"ClassVar", "TypeAlias", "_serde", "UNSET", "Unset", "DecodeError", "classmethod"}
    | {"str", "int", "float", "bool", "bytes", "list", "dict", "object", "frozenset", "None"}
)
"""Names a generated class body uses (annotations, decorators, defaults): no field
attribute may take them, or the class would shadow them for itself and for mypy."""

NAMES_MODULES_USE = CLASS_BODY_NAMES | {"isinstance", "type"}
"""Every name a generated module may use besides its own classes (its imports and the
builtins its functions call); no class, import alias or loader may shadow them."""

MODEL_METHODS = frozenset({"from_dict", "to_dict", "from_json", "to_json", "additional_properties"})
"""Names every generated model defines for itself: no field attribute may take them."""
