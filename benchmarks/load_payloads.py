"""How fast generated models load JSON: the Authlete corpus's example payloads, many times,
for each target (dataclasses, pydantic, msgspec), side by side in one run.

Prints payloads per second (medians of several rounds) for:
- every object model's `payload` and `payload_all_fields`, through `from_dict` and
  `from_json`, per target, next to `json.loads` alone (the floor: parsing without any model);
- two models (TokenCreateResponse, nested; AccessToken, flat) through each target's
  `from_json` next to pydantic v2 models written by hand for the same payloads
  (`model_validate_json`), and each target's ratio to them.

A target whose library is not installed is left out (`make bench` installs both).

Usage: python benchmarks/load_payloads.py [ROUNDS]
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "authlete-ts"


TARGETS = ("dataclasses", "pydantic", "msgspec")
NEEDS = {"dataclasses": None, "pydantic": "pydantic", "msgspec": "msgspec"}


def generate(target: str, folder: Path) -> dict[str, Any]:
    """The corpus's generated classes by name, from a fresh package for `target`."""
    out = folder / f"authlete_{target}"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            str(CORPUS / "models"),
            "-o",
            str(out),
            "-q",
            "--no-cache",
            "--target",
            target,
        ],
        cwd=ROOT,
        check=True,
    )
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    package = importlib.import_module(out.name)
    classes: dict[str, Any] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            ours = isinstance(value, type) and value.__module__ == info.name
            if ours and hasattr(value, "from_json"):
                classes[name] = value
    return classes


def installed(target: str) -> bool:
    needed = NEEDS[target]
    if needed is None:
        return True
    try:
        importlib.import_module(needed)
    except ImportError:
        return False
    return True


def rate(work: Callable[[], int], rounds: int) -> float:
    """Median items per second over `rounds` runs of `work` (which returns its count)."""
    speeds = []
    for _ in range(rounds):
        start = time.perf_counter()
        count = work()
        speeds.append(count / (time.perf_counter() - start))
    return statistics.median(speeds)


def pydantic_models() -> dict[str, Any] | None:
    """Hand-written pydantic v2 models for TokenCreateResponse and AccessToken."""
    try:
        from pydantic import BaseModel, ConfigDict  # noqa: PLC0415 (optional)
    except ImportError:
        return None

    class Base(BaseModel):
        model_config = ConfigDict(extra="allow")

    class Property(Base):
        key: str | None = None
        value: str | None = None
        hidden: bool | None = None

    class Element(Base):
        type: str
        locations: list[str] | None = None
        actions: list[str] | None = None
        dataTypes: list[str] | None = None
        identifier: str | None = None
        privileges: list[str] | None = None
        otherFields: str | None = None

    class AuthzDetails(Base):
        elements: list[Element] | None = None

    class TokenCreateResponse(Base):
        resultCode: str | None = None
        resultMessage: str | None = None
        action: str | None = None
        accessToken: str | None = None
        clientId: int | None = None
        expiresAt: int | None = None
        expiresIn: int | None = None
        grantType: str | None = None
        properties: list[Property] | None = None
        refreshToken: str | None = None
        scopes: list[str] | None = None
        subject: str | None = None
        tokenType: str | None = None
        jwtAccessToken: str | None = None
        authorizationDetails: AuthzDetails | None = None
        forExternalAttachment: bool | None = None
        tokenId: str | None = None
        refreshTokenScopes: list[str] | None = None
        clientIdentifier: str | None = None
        sessionId: str | None = None

    class AccessToken(Base):
        accessTokenHash: str | None = None
        accessTokenExpiresAt: int | None = None
        refreshTokenHash: str | None = None
        refreshTokenExpiresAt: int | None = None
        createdAt: int | None = None
        lastRefreshedAt: int | None = None
        clientId: int | None = None
        subject: str | None = None
        grantType: str | None = None
        scopes: list[str] | None = None
        properties: list[Property] | None = None
        refreshTokenScopes: list[str] | None = None

    return {"TokenCreateResponse": TokenCreateResponse, "AccessToken": AccessToken}


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent")
        return
    folder = Path(tempfile.mkdtemp())
    targets = {t: generate(t, folder) for t in TARGETS if installed(t)}
    examples = json.loads((CORPUS / "examples.json").read_text(encoding="utf-8"))
    names = [
        (name, key)
        for name, entry in sorted(examples.items())
        for key in ("payload", "payload_all_fields")
        if name in targets["dataclasses"] and entry.get(key) is not None
    ]
    texts = [json.dumps(examples[name][key]) for name, key in names]
    repeat = 50

    def loads_only() -> int:
        for _ in range(repeat):
            for text in texts:
                json.loads(text)
        return repeat * len(texts)

    print(f"{len(names)} payloads from {len({n for n, _ in names})} models, {rounds} rounds")
    floor = rate(loads_only, rounds)
    print(f"  json.loads only (floor)        {floor:>10,.0f} payloads/s")
    for target, classes in targets.items():
        pairs = [(classes[name], examples[name][key]) for name, key in names]
        json_pairs = [(cls, text) for (cls, _), text in zip(pairs, texts, strict=True)]
        ours_json = rate(lambda ps=json_pairs: _each(ps, "from_json", repeat), rounds)
        ours_dict = rate(lambda ps=pairs: _each(ps, "from_dict", repeat), rounds)
        print(
            f"  {target:<12} from_json {ours_json:>10,.0f} payloads/s"
            f"   from_dict {ours_dict:>10,.0f} payloads/s"
        )
    models = pydantic_models()
    for name in ("TokenCreateResponse", "AccessToken"):
        text = json.dumps(examples[name]["payload_all_fields"])
        print(f"  {name} (payload_all_fields), from_json, rounds interleaved:")
        variants = {f"{t} target": classes[name].from_json for t, classes in targets.items()}
        if models is not None:
            variants["hand-written pydantic v2"] = models[name].model_validate_json
            if "pydantic" in targets:
                variants["pydantic target, model_validate_json"] = targets["pydantic"][
                    name
                ].model_validate_json
        rates = interleaved(variants, text, rounds * 10)
        theirs = rates.get("hand-written pydantic v2")
        for label, ours in rates.items():
            ratio = f"   {ours / theirs:.2f}x hand-written pydantic" if theirs else ""
            print(f"    {label:<38} {ours:>10,.0f}/s{ratio}")


def interleaved(
    variants: dict[str, Callable[[str], object]], text: str, rounds: int, count: int = 1_000
) -> dict[str, float]:
    """Median calls per second of each variant on `text`, the variants taking turns in
    every round (so that a busy moment of the machine costs them all alike)."""
    speeds: dict[str, list[float]] = {label: [] for label in variants}
    for _ in range(rounds):
        for label, load in variants.items():
            start = time.perf_counter()
            for _ in range(count):
                load(text)
            speeds[label].append(count / (time.perf_counter() - start))
    return {label: statistics.median(found) for label, found in speeds.items()}


def _each(pairs: list[tuple[Any, Any]], method: str, repeat: int) -> int:
    calls = [(getattr(cls, method), data) for cls, data in pairs]
    for _ in range(repeat):
        for call, data in calls:
            call(data)
    return repeat * len(calls)


if __name__ == "__main__":
    main()
