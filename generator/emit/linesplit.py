"""black's line splitting, for the one-line statements the templates emit.

A statement comes in as one line of black-normal source (`x: A | None = f(a, b)`); it
goes out as the lines black 26 would give it, without running black: the same leaves,
the same invisible parentheses, the same delimiter priorities and the same transforms
(right-hand split with its omitted trailers and optional-parenthesis retries, delimiter
split, left-hand split for `def`), applied in the same order and with the same
mutations. Only what our statements can hold is modelled: names, numbers, strings,
brackets, attribute access, calls, subscripts, displays, comprehensions, `|` unions,
comparisons, `and`/`or` and lambdas; no comments, star-args or multi-line strings.
tests/test_layout.py checks the result against black itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

COMPREHENSION_PRIORITY = 20
COMMA_PRIORITY = 18
TERNARY_PRIORITY = 16
LOGIC_PRIORITY = 14
STRING_PRIORITY = 12
COMPARATOR_PRIORITY = 10
MATH_PRIORITIES = {"|": 9, "^": 8, "&": 7, "<<": 6, ">>": 6, "+": 5, "-": 5}
MATH_PRIORITIES.update({"*": 4, "/": 4, "//": 4, "%": 4, "@": 4, "~": 3, "**": 2})
DOT_PRIORITY = 1
COMPARATORS = {"==", "!=", "<", ">", "<=", ">="}
OPENING = {"(": ")", "[": "]", "{": "}"}
CLOSING = {")", "]", "}"}
KEYWORDS = {"and", "or", "not", "in", "is", "if", "else", "for", "return", "def"}
KEYWORDS |= {"elif", "lambda", "None", "True", "False", "await", "raise", "del"}


def width(text: str) -> int:
    """How wide black thinks `text` is: East Asian wide characters count two columns."""
    if text.isascii():
        return len(text)
    from black.strings import str_width  # noqa: PLC0415 (black loads only for such text)

    return str_width(text)


class CannotSplit(Exception):
    """A transform does not apply to this line."""


class Leaf:
    """One token. `kind` is its type: NAME, NUMBER, STRING, COMMA, DOT, OP, or the
    bracket itself (`(`, `)`, …) also for invisible parentheses, whose `value` is ""."""

    __slots__ = (
        "annotation",
        "bracket_depth",
        "comp",
        "for_target",
        "in_args",
        "kind",
        "opening_bracket",
        "parent",
        "prefix",
        "space",
        "unary",
        "value",
    )

    def __init__(self, kind: str, value: str, prefix: str = "") -> None:
        self.kind = kind
        self.value = value
        self.prefix = prefix
        self.space = prefix
        """The space before the leaf in the statement as written (black's spacing): a
        split clears `prefix` of a line's first leaf in place, as black does, and a leaf
        appended afresh gets its space back from here (black computes it again)."""
        self.parent = ""
        """What black's tree has above the leaf, where it matters: for an opening
        bracket "trailer" (call, subscript), "atom" (display, invisible parens) or
        "parameters"; "" for a leaf black made without a parent (an added comma)."""
        self.opening_bracket: Leaf | None = None
        self.bracket_depth = 0
        self.unary = False
        self.in_args = False
        """A comma in a call's or a def's argument list."""
        self.for_target = False
        self.annotation = ""
        """"return" or "param" inside such an annotation, else ""."""
        self.comp = False
        """An `if` that belongs to a comprehension."""

    def __str__(self) -> str:
        return self.prefix + self.value

    def copy(self) -> Leaf:
        new = Leaf(self.kind, self.value, self.prefix)
        new.space = self.space
        for name in ("parent", "unary", "in_args", "for_target", "annotation", "comp"):
            setattr(new, name, getattr(self, name))
        new.opening_bracket = self.opening_bracket
        return new


@dataclass(eq=False)
class Tracker:
    """black's BracketTracker: depth, bracket pairs and delimiters of one line."""

    depth: int = 0
    match: dict[tuple[int, str], Leaf] = field(default_factory=dict)
    delimiters: dict[int, int] = field(default_factory=dict)
    previous: Leaf | None = None
    for_depths: list[int] = field(default_factory=list)
    lambda_depths: list[int] = field(default_factory=list)
    invisible: list[Leaf] = field(default_factory=list)

    def mark(self, leaf: Leaf) -> None:
        if self.depth == 0 and leaf.kind in CLOSING and (0, leaf.kind) not in self.match:
            return
        if self.for_depths and self.for_depths[-1] == self.depth and _is(leaf, "in"):
            self.depth -= 1
            self.for_depths.pop()
        if self.lambda_depths and self.lambda_depths[-1] == self.depth and leaf.kind == ":":
            self.depth -= 1
            self.lambda_depths.pop()
        if leaf.kind in CLOSING:
            self.depth -= 1
            leaf.opening_bracket = self.match.pop((self.depth, leaf.kind))
            if not leaf.value:
                self.invisible.append(leaf)
        leaf.bracket_depth = self.depth
        if self.depth == 0:
            delim = _split_before(leaf, self.previous)
            if delim and self.previous is not None:
                self.delimiters[id(self.previous)] = delim
            elif leaf.kind == "COMMA" and not leaf.for_target:
                self.delimiters[id(leaf)] = COMMA_PRIORITY
        if leaf.kind in OPENING:
            self.match[self.depth, OPENING[leaf.kind]] = leaf
            self.depth += 1
            if not leaf.value:
                self.invisible.append(leaf)
        self.previous = leaf
        if _is(leaf, "lambda"):
            self.depth += 1
            self.lambda_depths.append(self.depth)
        if _is(leaf, "for"):
            self.depth += 1
            self.for_depths.append(self.depth)

    def max_priority(self, exclude: set[int] | frozenset[int] = frozenset()) -> int:
        return max(v for k, v in self.delimiters.items() if k not in exclude)

    def count(self, priority: int) -> int:
        return sum(1 for p in self.delimiters.values() if p == priority)


def _is(leaf: Leaf, keyword: str) -> bool:
    return leaf.kind == "NAME" and leaf.value == keyword


def _split_before(leaf: Leaf, previous: Leaf | None) -> int:
    if leaf.kind == "DOT" and (previous is None or previous.kind in CLOSING):
        return DOT_PRIORITY
    if leaf.kind == "OP" and leaf.value in MATH_PRIORITIES and not leaf.unary:
        return MATH_PRIORITIES[leaf.value]
    if leaf.kind == "OP" and leaf.value in COMPARATORS:
        return COMPARATOR_PRIORITY
    if leaf.kind == "STRING" and previous is not None and previous.kind == "STRING":
        return STRING_PRIORITY
    if leaf.kind != "NAME":
        return 0
    value = leaf.value
    if value == "for" or (value == "if" and leaf.comp):
        return COMPREHENSION_PRIORITY
    if value in ("if", "else"):
        return TERNARY_PRIORITY
    if value == "is":
        return COMPARATOR_PRIORITY
    if value == "in" and not leaf.for_target and not (previous and _is(previous, "not")):
        return COMPARATOR_PRIORITY
    if value == "not" and leaf.for_target is False and leaf.comp:
        return COMPARATOR_PRIORITY if not (previous and _is(previous, "is")) else 0
    if value in ("and", "or"):
        return LOGIC_PRIORITY
    return 0


class Line:
    """black's Line: leaves at one indentation depth."""

    def __init__(self, depth: int, inside_brackets: bool = False) -> None:
        self.depth = depth
        self.leaves: list[Leaf] = []
        self.inside_brackets = inside_brackets
        self.should_split_rhs = False
        self.magic_trailing_comma: Leaf | None = None
        self.tracker = Tracker()

    def append(self, leaf: Leaf, preformatted: bool = False, track: bool = False) -> None:
        if self.leaves and not preformatted:
            leaf.prefix = _whitespace(leaf, self.leaves[-1])
        if self.inside_brackets or not preformatted or track:
            self.tracker.mark(leaf)
            if self._magic_comma(leaf):
                self.magic_trailing_comma = leaf
        self.leaves.append(leaf)

    def _magic_comma(self, closing: Leaf) -> bool:
        if not (closing.kind in CLOSING and self.leaves and self.leaves[-1].kind == "COMMA"):
            return False
        opening = closing.opening_bracket
        if closing.kind == "}":
            return True
        if closing.kind == "]":
            return not (
                opening is not None
                and opening.parent == "trailer"
                and _one_sequence(opening, closing, self.leaves, "[")
            )
        return opening is not None and not _one_sequence(opening, closing, self.leaves, "(")

    def __bool__(self) -> bool:
        return bool(self.leaves)

    def __str__(self) -> str:
        first, *rest = self.leaves
        return first.prefix + "    " * self.depth + first.value + "".join(map(str, rest))

    @property
    def is_def(self) -> bool:
        return bool(self.leaves) and _is(self.leaves[0], "def")

    @property
    def is_chained_assignment(self) -> bool:
        return sum(1 for leaf in self.leaves if leaf.kind == "=") > 1

    def lengths(self, reverse: bool = False) -> Iterator[tuple[int, Leaf, int]]:
        items = list(enumerate(self.leaves))
        for index, leaf in reversed(items) if reverse else items:
            yield index, leaf, len(leaf.prefix) + len(leaf.value)

    def clone(self) -> Line:
        new = Line(self.depth, self.inside_brackets)
        new.should_split_rhs = self.should_split_rhs
        new.magic_trailing_comma = self.magic_trailing_comma
        return new


def _whitespace(leaf: Leaf, previous: Leaf) -> str:
    """The space before a leaf black appends afresh (only commas and copies here)."""
    if leaf.kind in ("COMMA", "DOT") or leaf.kind in CLOSING or previous.kind in OPENING:
        return ""
    return leaf.space


def _one_sequence(opening: Leaf, closing: Leaf, leaves: list[Leaf], kind: str) -> bool:
    if opening.kind != kind or closing.kind != OPENING[kind]:
        return False
    depth = closing.bracket_depth + 1
    try:
        start = next(i for i, leaf in enumerate(leaves) if leaf is opening) + 1
    except StopIteration:
        return False
    commas = 0
    for leaf in leaves[start:]:
        if leaf is closing:
            break
        if leaf.bracket_depth == depth and leaf.kind == "COMMA":
            commas += 1
            if leaf.in_args:
                commas += 1
                break
    return commas < 2


def short_enough(line: Line, limit: int) -> bool:
    return width(str(line)) <= limit


# --- transforms ---------------------------------------------------------------------

Transform = Callable[[Line, frozenset[str], int], Iterator[Line]]


def transform_line(
    line: Line, limit: int, features: frozenset[str] = frozenset()
) -> Iterator[Line]:
    line_str = str(line)
    if not line.should_split_rhs and not line.magic_trailing_comma and width(line_str) <= limit:
        yield line
        return
    transformers: list[Transform]
    if line.is_def and not _funcdef_magic_return(line):
        transformers = [left_hand_split]
    elif line.inside_brackets:
        transformers = [delimiter_split, right_hand_split_with_omits]
    else:
        transformers = [right_hand_split_with_omits]
    for transform in transformers:
        try:
            result = run_transformer(line, transform, limit, features, line_str)
        except CannotSplit:
            continue
        yield from result
        return
    yield line


def _funcdef_magic_return(line: Line) -> bool:
    leaves: list[Leaf] = []
    inside = False
    for leaf in line.leaves:
        if leaf.kind == ":" and leaf.parent != "slice":
            inside = False
        if inside:
            leaves.append(leaf)
        if leaf.kind == "->":
            inside = True
    result = Line(line.depth)
    tracked = _inside_matching(leaves)
    for leaf in leaves:
        result.append(leaf, preformatted=True, track=id(leaf) in tracked)
    return result.magic_trailing_comma is not None


def run_transformer(
    line: Line, transform: Transform, limit: int, features: frozenset[str], line_str: str
) -> list[Line]:
    optional = [b for b in line.tracker.invisible if b.bracket_depth == 0]
    result: list[Line] = []
    for transformed in transform(line, features, limit):
        if str(transformed) == line_str:
            raise CannotSplit("the transform changed nothing")
        result.extend(transform_line(transformed, limit, features))
    if (
        "force_optional_parentheses" in features
        or transform is not right_hand_split_with_omits
        or not line.tracker.invisible
        or any(b.value for b in optional)
        or short_enough(result[0], limit)
        or any(not leaf.parent for leaf in line.leaves)
    ):
        return result
    copy = line.clone()
    for old in line.leaves:
        new = old.copy()
        if not copy.leaves:
            new.prefix = ""
        copy.append(new)
    second = run_transformer(
        copy, transform, limit, features | {"force_optional_parentheses"}, line_str
    )
    if all(short_enough(ln, limit) for ln in second):
        return second
    return result


def left_hand_split(line: Line, features: frozenset[str], limit: int) -> Iterator[Line]:
    """Split a `def` at its first bracket: `def f(`, the parameters, `) -> R:`."""
    matching: Leaf | None = None
    head: list[Leaf] = []
    body: list[Leaf] = []
    tail: list[Leaf] = []
    for kind in ("(", "["):
        head, body, tail = [], [], []
        current = head
        matching = None
        for leaf in line.leaves:
            if (
                current is body
                and leaf.kind in CLOSING
                and leaf.opening_bracket is matching
                and matching is not None
            ):
                _ensure_visible(leaf)
                _ensure_visible(matching)
                current = tail if body else head
            current.append(leaf)
            if current is head and leaf.kind == kind:
                matching = leaf
                current = body
        if matching is not None and tail:
            break
    if matching is None or not tail:
        raise CannotSplit("no brackets")
    lines = [
        _build_line(head, line, matching, "head"),
        _build_line(body, line, matching, "body"),
        _build_line(tail, line, matching, "tail"),
    ]
    _succeeded_or_raise(*lines)
    for result in lines:
        if result:
            yield result


@dataclass
class RHS:
    head: Line
    body: Line
    tail: Line
    opening: Leaf
    closing: Leaf


def right_hand_split(
    line: Line, limit: int, features: frozenset[str], omit: frozenset[int] = frozenset()
) -> Iterator[Line]:
    rhs = _first_right_hand_split(line, omit)
    yield from _maybe_split_omitting_optional_parens(rhs, line, limit, features, omit)


def right_hand_split_with_omits(line: Line, features: frozenset[str], limit: int) -> Iterator[Line]:
    first_lines: list[Line] | None = None
    prefix_lengths: dict[int, int] = {}
    length = 4 * line.depth
    for leaf in line.leaves:
        prefix_lengths[id(leaf)] = length
        length += len(leaf.prefix) + len(leaf.value)
    for omit in _trailers_to_omit(line, limit):
        if omit:
            target: Leaf | None = None
            for leaf in reversed(line.leaves):
                if leaf.kind in CLOSING and id(leaf) not in omit:
                    target = leaf.opening_bracket
                    break
            if target is not None and target.value and prefix_lengths.get(id(target), 0) > limit:
                continue
        lines = list(right_hand_split(line, limit, features, frozenset(omit)))
        if first_lines is None and not omit:
            first_lines = lines
        if short_enough(lines[0], limit):
            yield from lines
            return
    if first_lines is not None:
        yield from first_lines
    else:
        yield from right_hand_split(line, limit, features)


def _first_right_hand_split(line: Line, omit: frozenset[int]) -> RHS:
    tail: list[Leaf] = []
    body: list[Leaf] = []
    head: list[Leaf] = []
    current = tail
    opening: Leaf | None = None
    closing: Leaf | None = None
    for leaf in reversed(line.leaves):
        if current is body and leaf is opening:
            current = head if body else tail
        current.append(leaf)
        if current is tail and leaf.kind in CLOSING and id(leaf) not in omit:
            opening = leaf.opening_bracket
            closing = leaf
            current = body
    if not (opening and closing and head):
        raise CannotSplit("no brackets")
    tail.reverse()
    body.reverse()
    head.reverse()
    result = RHS(
        _build_line(head, line, opening, "head"),
        _build_line(body, line, opening, "body"),
        _build_line(tail, line, opening, "tail"),
        opening,
        closing,
    )
    _succeeded_or_raise(result.head, result.body, result.tail)
    return result


def _maybe_split_omitting_optional_parens(
    rhs: RHS, line: Line, limit: int, features: frozenset[str], omit: frozenset[int]
) -> Iterator[Line]:
    if (
        "force_optional_parentheses" not in features
        and rhs.opening.kind == "("
        and not rhs.opening.value
        and rhs.closing.kind == ")"
        and not rhs.closing.value
        and _can_omit_invisible_parens(rhs, limit)
    ):
        omit = frozenset({id(rhs.closing), *omit})
        try:
            rhs_oop = _first_right_hand_split(line, omit)
            if _prefer_split_rhs_oop(rhs_oop, rhs, limit):
                yield from _maybe_split_omitting_optional_parens(
                    rhs_oop, line, limit, features, omit
                )
                return
        except CannotSplit as e:
            if line.is_chained_assignment:
                pass
            elif not _can_be_split(rhs.body) and not short_enough(rhs.body, limit):
                raise CannotSplit("the body is still too long and cannot be split") from e
    _ensure_visible(rhs.opening)
    _ensure_visible(rhs.closing)
    for result in (rhs.head, rhs.body, rhs.tail):
        if result:
            yield result


def _prefer_split_rhs_oop(rhs_oop: RHS, rhs: RHS, limit: int) -> bool:
    head = rhs.head.leaves
    if not (len(head) >= 2 and head[-2].kind == "="):
        return True
    if not any(leaf.kind in OPENING or leaf.kind in CLOSING for leaf in head[:-1]):
        return True
    if not short_enough(rhs.head, limit - 1):
        return True
    if rhs.head.magic_trailing_comma is not None:
        return True
    equals = sum(1 for leaf in head if leaf.kind == "=")
    if equals > 1 and equals > sum(1 for leaf in rhs_oop.head.leaves if leaf.kind == "="):
        return False
    closing_after_assign = False
    for leaf in reversed(rhs_oop.head.leaves):
        if leaf.kind == "=":
            break
        if leaf.kind in CLOSING:
            closing_after_assign = True
            break
    return closing_after_assign or (
        any(leaf.kind == "=" for leaf in rhs_oop.head.leaves) and short_enough(rhs_oop.head, limit)
    )


def _can_omit_invisible_parens(rhs: RHS, limit: int) -> bool:
    line = rhs.body
    bt = line.tracker
    if not bt.delimiters:
        return True
    max_priority = bt.max_priority()
    if bt.count(max_priority) > 1:
        return False
    if max_priority == DOT_PRIORITY:
        return True
    first, second = line.leaves[0], line.leaves[1]
    if first.kind in OPENING and second.kind not in CLOSING:
        if _can_omit_opening_paren(line, first, limit):
            return True
    penultimate, last = line.leaves[-2], line.leaves[-1]
    if last.kind in {")", "}"} or (
        last.kind == "]"
        and last.opening_bracket is not None
        and last.opening_bracket.parent != "trailer"
    ):
        if penultimate.kind in OPENING:
            return False
        if _can_omit_closing_paren(line, last, limit):
            return True
    return False


def _can_omit_opening_paren(line: Line, first: Leaf, limit: int) -> bool:
    remainder = False
    length = 4 * line.depth
    index = -1
    for position, leaf, leaf_length in line.lengths():
        index = position
        if leaf.kind in CLOSING and leaf.opening_bracket is first:
            remainder = True
        if remainder:
            length += leaf_length
            if length > limit:
                break
            if leaf.kind in OPENING:
                remainder = False
    else:
        if len(line.leaves) == index + 1:
            return True
    return False


def _can_omit_closing_paren(line: Line, last: Leaf, limit: int) -> bool:
    length = 4 * line.depth
    seen_other_brackets = False
    for _, leaf, leaf_length in line.lengths():
        length += leaf_length
        if leaf is last.opening_bracket:
            if seen_other_brackets or length <= limit:
                return True
        elif leaf.kind in OPENING:
            seen_other_brackets = True
    return False


def _can_be_split(line: Line) -> bool:
    leaves = line.leaves
    if len(leaves) < 2:
        return False
    if leaves[0].kind == "STRING" and leaves[1].kind == "DOT":
        calls = dots = 0
        following = leaves[-1]
        for leaf in leaves[-2::-1]:
            if leaf.kind in OPENING:
                if following.kind not in CLOSING:
                    return False
                calls += 1
            elif leaf.kind == "DOT":
                dots += 1
            elif leaf.kind == "NAME":
                if not (following.kind == "DOT" or following.kind in OPENING):
                    return False
            elif leaf.kind not in CLOSING:
                return False
            if dots > 1 and calls > 1:
                return False
    return True


def _trailers_to_omit(line: Line, limit: int) -> Iterator[set[int]]:
    omit: set[int] = set()
    if not line.magic_trailing_comma:
        yield omit
    length = 4 * line.depth
    opening: Leaf | None = None
    closing: Leaf | None = None
    inner: set[int] = set()
    for index, leaf, leaf_length in line.lengths(reverse=True):
        length += leaf_length
        if length > limit:
            break
        if opening:
            if leaf is opening:
                opening = None
            elif leaf.kind in CLOSING:
                if _exploding(line, index, leaf):
                    break
                inner.add(id(leaf))
        elif leaf.kind in CLOSING:
            prev = line.leaves[index - 1] if index > 0 else None
            if prev and prev.kind in OPENING:
                inner.add(id(leaf))
                continue
            if closing:
                omit.add(id(closing))
                omit.update(inner)
                inner.clear()
                yield omit
            if _exploding(line, index, leaf):
                break
            if leaf.value:
                opening = leaf.opening_bracket
                closing = leaf


def _exploding(line: Line, index: int, closing: Leaf) -> bool:
    """A closing bracket after a magic trailing comma: its pair must explode, never be
    omitted."""
    prev = line.leaves[index - 1] if index > 0 else None
    return (
        prev is not None
        and prev.kind == "COMMA"
        and closing.opening_bracket is not None
        and not _one_sequence(closing.opening_bracket, closing, line.leaves, "(")
    )


def delimiter_split(line: Line, features: frozenset[str], limit: int) -> Iterator[Line]:
    """One line per item between the delimiters of the highest priority."""
    if not line.leaves:
        raise CannotSplit("empty line")
    last_leaf = line.leaves[-1]
    bt = line.tracker
    try:
        priority = bt.max_priority(exclude={id(last_leaf)})
    except ValueError:
        raise CannotSplit("no delimiters") from None
    if priority == DOT_PRIORITY and bt.count(priority) == 1:
        raise CannotSplit("a single attribute access")
    current = Line(line.depth, line.inside_brackets)
    for leaf in line.leaves:
        current.append(leaf, preformatted=True)
        if bt.delimiters.get(id(leaf)) == priority:
            current.leaves[0].prefix = ""
            yield current
            current = Line(line.depth, line.inside_brackets)
    if current:
        if priority == COMMA_PRIORITY and current.leaves[-1].kind != "COMMA":
            current.append(Leaf("COMMA", ","))
        current.leaves[0].prefix = ""
        yield current


def _build_line(leaves: list[Leaf], original: Line, opening: Leaf, component: str) -> Line:
    result = Line(original.depth)
    if component == "body":
        result.inside_brackets = True
        result.depth += 1
        if _ensure_trailing_comma(leaves, original, opening):
            for i in range(len(leaves) - 1, -1, -1):
                if leaves[i].kind != "COMMA":
                    leaves.insert(i + 1, Leaf("COMMA", ","))
                break
    tracked = _inside_matching(leaves) if component == "head" else set()
    for leaf in leaves:
        result.append(leaf, preformatted=True, track=id(leaf) in tracked)
    if component == "body" and _should_split_line(result, opening):
        result.should_split_rhs = True
    return result


def _ensure_trailing_comma(leaves: list[Leaf], original: Line, opening: Leaf) -> bool:
    if not leaves or not original.is_def or opening.value != "(":
        return False
    if any(leaf.kind == "COMMA" and not leaf.annotation for leaf in leaves):
        return False
    first = next((leaf for leaf in leaves if leaf.parent), None)
    if first is None:
        return True
    return first.annotation != "return"


def _should_split_line(line: Line, opening: Leaf) -> bool:
    if not (opening.parent and opening.value in "[{("):
        return False
    exclude = set()
    trailing_comma = False
    try:
        last = line.leaves[-1]
        if last.kind == "COMMA":
            trailing_comma = True
            exclude.add(id(last))
        priority = line.tracker.max_priority(exclude=exclude)
    except (IndexError, ValueError):
        return False
    return priority == COMMA_PRIORITY and (trailing_comma or opening.parent == "atom")


def _inside_matching(leaves: list[Leaf]) -> set[int]:
    ids: set[int] = set()
    stack: list[tuple[str, list[int]]] = []
    started = False
    for leaf in leaves:
        if leaf.kind in OPENING:
            started = True
            stack.append((OPENING[leaf.kind], [id(leaf)]))
        elif not started:
            continue
        elif leaf.kind in CLOSING:
            if not (stack and leaf.kind == stack[-1][0]):
                break
            _, level = stack.pop()
            level.append(id(leaf))
            ids.update(level)
        elif stack:
            stack[-1][1].append(id(leaf))
    return ids


def _succeeded_or_raise(head: Line, body: Line, tail: Line) -> None:
    tail_len = len(str(tail).strip()) if tail else 0
    if not body:
        if tail_len == 0:
            raise CannotSplit("splitting produced the same line")
        if tail_len < 3:
            raise CannotSplit("not worth splitting an empty body")


def _ensure_visible(leaf: Leaf) -> None:
    if leaf.kind == "(":
        leaf.value = "("
    elif leaf.kind == ")":
        leaf.value = ")"


# --- from source text to leaves -----------------------------------------------------

_TOKEN = re.compile(
    r"""(?P<space>[ ]*)(?:
      (?P<string>[rRbBuUfF]{0,2}(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'))
    | (?P<number>\d[\w.]*)
    | (?P<name>[^\W\d]\w*)
    | (?P<op>->|\*\*|//|==|!=|<=|>=|:=|<<|>>|[()\[\]{},:.=|+\-*/%<>@&^~])
    )""",
    re.VERBOSE,
)


def tokenize(text: str) -> list[Leaf] | None:
    """The leaves of one line of source, or None for text this model does not know."""
    leaves: list[Leaf] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        space = m.group("space")
        if m.group("string") is not None:
            leaves.append(Leaf("STRING", m.group("string"), space))
        elif m.group("number") is not None:
            leaves.append(Leaf("NUMBER", m.group("number"), space))
        elif m.group("name") is not None:
            leaves.append(Leaf("NAME", m.group("name"), space))
        elif m.group("op") is not None:
            op = m.group("op")
            kind = {",": "COMMA", ".": "DOT"}.get(op, op if op in "()[]{}=:->" else "OP")
            if op == "->":
                kind = "->"
            leaves.append(Leaf(kind, op, space))
        else:
            return None
    if not leaves:
        return None
    return leaves if _annotate(leaves) else None


def _annotate(leaves: list[Leaf]) -> bool:
    """Pair brackets and note what black's tree would say about each leaf."""
    stack: list[Leaf] = []
    fors: list[int] = []  # bracket depths with an open comprehension `for`
    is_def = _is(leaves[0], "def")
    previous: Leaf | None = None
    for leaf in leaves:
        if leaf.kind in OPENING:
            before = previous
            if (
                is_def
                and len(stack) == 0
                and before is not None
                and before.kind == "NAME"
                and (leaves.index(before) == 1)
            ):
                leaf.parent = "parameters"
            elif before is not None and (
                before.kind in CLOSING
                or before.kind == "STRING"
                or (before.kind == "NAME" and before.value not in KEYWORDS)
                or (before.kind == "NAME" and before.value in ("None", "True", "False"))
            ):
                leaf.parent = "trailer"
            else:
                leaf.parent = "atom"
            stack.append(leaf)
        elif leaf.kind in CLOSING:
            if not stack or OPENING[stack[-1].kind] != leaf.kind:
                return False
            opening = stack.pop()
            leaf.opening_bracket = opening
            leaf.parent = opening.parent
            while fors and fors[-1] > len(stack):
                fors.pop()
        else:
            leaf.parent = "leaf"
            if leaf.kind == "COMMA" and stack and stack[-1].kind == "(":
                leaf.in_args = stack[-1].parent in ("trailer", "parameters")
            if leaf.kind == "OP" and leaf.value in ("-", "+", "~", "*", "**"):
                leaf.unary = (
                    previous is None
                    or previous.kind in OPENING
                    or previous.kind in ("COMMA", "OP", "=", ":", "->")
                    or (
                        previous.kind == "NAME"
                        and previous.value in KEYWORDS - {"None", "True", "False"}
                    )
                )
            if _is(leaf, "for"):
                fors.append(len(stack))
            elif (
                _is(leaf, "in") and fors and fors[-1] == len(stack) and _in_for_target(leaves, leaf)
            ):
                leaf.for_target = True
            elif _is(leaf, "if") and fors and fors[-1] == len(stack):
                leaf.comp = True
            elif _is(leaf, "not"):
                following = leaves[leaves.index(leaf) + 1] if leaf is not leaves[-1] else None
                leaf.comp = following is not None and _is(following, "in")
        previous = leaf
    if stack:
        return False
    _mark_for_targets(leaves)
    return True


def _in_for_target(leaves: list[Leaf], leaf: Leaf) -> bool:
    """Whether this `in` ends a comprehension's target (`for k, v in …`)."""
    depth = 0
    for other in reversed(leaves[: leaves.index(leaf)]):
        if other.kind in CLOSING:
            depth += 1
        elif other.kind in OPENING:
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and _is(other, "in"):
            return False
        elif depth == 0 and _is(other, "for"):
            return True
    return False


def _mark_for_targets(leaves: list[Leaf]) -> None:
    inside = False
    for leaf in leaves:
        if _is(leaf, "for"):
            inside = True
        elif leaf.for_target:
            inside = False
        elif inside and leaf.kind == "COMMA":
            leaf.for_target = True


def _span_end(leaves: list[Leaf], start: int, stops: set[str]) -> int:
    """The index where an expression starting at `start` ends (a stop at its depth)."""
    depth = 0
    for i in range(start, len(leaves)):
        leaf = leaves[i]
        if depth == 0 and leaf.kind in stops:
            return i
        if leaf.kind in OPENING:
            depth += 1
        elif leaf.kind in CLOSING:
            if depth == 0:
                return i
            depth -= 1
    return len(leaves)


def _wrap(leaves: list[Leaf], start: int, end: int, *, always: bool, note: str = "") -> int:
    """Invisible parentheses around leaves[start:end], where black puts them (an atom
    with commas or a comprehension inside keeps its own brackets). Returns the new end."""
    if start >= end:
        return end
    for leaf in leaves[start:end]:
        if note:
            leaf.annotation = note
    first, last = leaves[start], leaves[end - 1]
    is_atom = first.kind in OPENING and last.opening_bracket is first
    if is_atom:
        if first.kind == "(" or _has_top_comma(leaves[start + 1 : end - 1]):
            return end
    elif not always and not _has_top_operator(leaves[start:end], "|"):
        return end
    lpar, rpar = Leaf("(", "", first.prefix), Leaf(")", "")
    first.prefix = first.space = ""
    for paren in (lpar, rpar):
        paren.parent = "atom"
        paren.annotation = note
    rpar.opening_bracket = lpar
    leaves.insert(end, rpar)
    leaves.insert(start, lpar)
    return end + 2


def _has_top_comma(leaves: list[Leaf]) -> bool:
    depth = 0
    for leaf in leaves:
        if leaf.kind in OPENING:
            depth += 1
        elif leaf.kind in CLOSING:
            depth -= 1
        elif depth == 0 and (leaf.kind == "COMMA" or _is(leaf, "for")):
            return True
    return False


def _has_top_operator(leaves: list[Leaf], op: str) -> bool:
    depth = 0
    for leaf in leaves:
        if leaf.kind in OPENING:
            depth += 1
        elif leaf.kind in CLOSING:
            depth -= 1
        elif depth == 0 and leaf.kind == "OP" and leaf.value == op:
            return True
    return False


def statement_leaves(text: str) -> list[Leaf] | None:
    """The leaves of a simple statement or a compound statement's header, with the
    invisible parentheses black adds: after `=` and an annotation's `:`, after
    `return`, `if`/`elif`, around a `def`'s return annotation and its parameters'
    `|` annotations."""
    leaves = tokenize(text)
    if leaves is None:
        return None
    first = leaves[0]
    if _is(first, "def"):
        return _def_leaves(leaves)
    if first.kind == "NAME" and first.value in ("return", "if", "elif"):
        end = len(leaves) - (1 if leaves[-1].kind == ":" else 0)
        _wrap(leaves, 1, end, always=True)
        return leaves
    if first.kind == "NAME" and first.value in ("else", "raise", "del", "for", "while"):
        return leaves if first.value in ("else", "raise") else None
    equal = _span_end(leaves, 0, {"="})
    colon = _span_end(leaves, 0, {":"})
    if colon < equal and colon < len(leaves):  # `name: annotation = value`
        end = _wrap(leaves, colon + 1, equal, always=True, note="annassign")
        if end < len(leaves):
            _wrap(leaves, end + 1, len(leaves), always=True)
        return leaves
    if equal < len(leaves):
        _wrap(leaves, equal + 1, len(leaves), always=True)
    return leaves


def _def_leaves(leaves: list[Leaf]) -> list[Leaf] | None:
    if len(leaves) < 4 or leaves[2].kind != "(" or leaves[-1].kind != ":":
        return None
    closing = next(i for i in range(len(leaves)) if leaves[i].opening_bracket is leaves[2])
    # each parameter's annotation
    i = 3
    while i < closing:
        end = _span_end(leaves, i, {"COMMA"})
        end = min(end, closing)
        colon = _span_end(leaves, i, {":"})
        if colon < end:
            equal = _span_end(leaves, colon + 1, {"="})
            stop = min(equal, end)
            new_stop = _wrap(leaves, colon + 1, stop, always=False, note="param")
            closing += new_stop - stop
            end += new_stop - stop
        i = end + 1
    arrow = closing + 1
    if arrow < len(leaves) - 1 and leaves[arrow].kind == "->":
        _wrap(leaves, arrow + 1, len(leaves) - 1, always=True, note="return")
    return leaves


def split_statement(text: str, depth: int, limit: int) -> list[str] | None:
    """black's lines for one line of source at `depth` (4 spaces each), or None when
    the text holds something this model does not know."""
    leaves = statement_leaves(text)
    if leaves is None:
        return None
    line = Line(depth)
    for leaf in leaves:
        line.append(leaf)
    return [str(out) for out in transform_line(line, limit)]
