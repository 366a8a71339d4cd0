"""How fast generated models load JSON: the Authlete corpus's example payloads, many times.

Prints payloads per second (medians of several rounds) for:
- every object model's `payload` and `payload_all_fields`, through `from_dict` and
  `from_json`, next to `json.loads` alone (the floor: parsing without any model);
- two models (TokenCreateResponse, nested; AccessToken, flat) next to pydantic v2 models
  written by hand for the same payloads, when pydantic is installed (`make bench` installs it).

Usage: python benchmarks/load_payloads.py [ROUNDS]
"""

from __future__ import annotations

import dataclasses
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


def generate() -> dict[str, Any]:
    """The corpus's generated classes by name, from a fresh package in a temp folder."""
    out = Path(tempfile.mkdtemp()) / "authlete_bench"
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
        ],
        cwd=ROOT,
        check=True,
    )
    sys.path.insert(0, str(out.parent))
    package = importlib.import_module(out.name)
    classes: dict[str, Any] = {}
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if dataclasses.is_dataclass(value) and value.__module__ == info.name:
                classes[name] = value
    return classes


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
    classes = generate()
    examples = json.loads((CORPUS / "examples.json").read_text(encoding="utf-8"))
    pairs = [
        (classes[name], entry[key])
        for name, entry in sorted(examples.items())
        for key in ("payload", "payload_all_fields")
        if name in classes and entry.get(key) is not None
    ]
    texts = [(cls, json.dumps(data)) for cls, data in pairs]
    repeat = 50

    def from_dict() -> int:
        for _ in range(repeat):
            for cls, data in pairs:
                cls.from_dict(data)
        return repeat * len(pairs)

    def from_json() -> int:
        for _ in range(repeat):
            for cls, text in texts:
                cls.from_json(text)
        return repeat * len(texts)

    def loads_only() -> int:
        for _ in range(repeat):
            for _cls, text in texts:
                json.loads(text)
        return repeat * len(texts)

    print(f"{len(pairs)} payloads from {len({c for c, _ in pairs})} models, {rounds} rounds")
    floor = rate(loads_only, rounds)
    ours_json = rate(from_json, rounds)
    print(f"  json.loads only (floor)        {floor:>10,.0f} payloads/s")
    print(
        f"  generated from_json            {ours_json:>10,.0f} payloads/s"
        f"  ({floor / ours_json:.1f}x the floor's time)"
    )
    print(f"  generated from_dict            {rate(from_dict, rounds):>10,.0f} payloads/s")
    models = pydantic_models()
    for name in ("TokenCreateResponse", "AccessToken"):
        text = json.dumps(examples[name]["payload_all_fields"])
        ours = classes[name]
        ours_rate = rate(lambda ours=ours, text=text: _times(lambda: ours.from_json(text)), rounds)
        line = f"  {name:<22} generated {ours_rate:>9,.0f}/s"
        if models is not None:
            theirs = models[name]
            p_rate = rate(
                lambda theirs=theirs, text=text: _times(lambda: theirs.model_validate_json(text)),
                rounds,
            )
            line += f"   pydantic v2 {p_rate:>9,.0f}/s   ratio {p_rate / ours_rate:.2f}x"
        else:
            line += "   (pydantic not installed)"
        print(line)


def _times(work: Callable[[], object], count: int = 20_000) -> int:
    for _ in range(count):
        work()
    return count


if __name__ == "__main__":
    main()
