"""The Authlete round trips, as a script run in a fresh interpreter from a generated
package's parent folder (`python -c ROUND_TRIPS PACKAGE EXAMPLES_JSON`, the docs' own
examples as JSON on stdin), for every target alike: each example payload through
`from_dict`/`to_dict` and JSON text, each doc example, the doctests, and one wrong-type
error. It prints a JSON report."""

ROUND_TRIPS = """
import doctest, importlib, json, pkgutil, sys

package = importlib.import_module(sys.argv[1])
examples = json.load(open(sys.argv[2], encoding="utf-8"))
doc_examples = json.load(sys.stdin)
classes, modules = {}, []
for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
    module = importlib.import_module(info.name)
    modules.append(module)
    for name, value in vars(module).items():
        if isinstance(value, type) and value.__module__ == info.name and hasattr(value, "to_dict"):
            classes[name] = value
report = {"payloads": 0, "payload_failures": [], "docs": 0, "doc_failures": []}
for name, entry in sorted(examples.items()):
    for key in ("payload", "payload_all_fields"):
        data = entry.get(key)
        if data is None or name not in classes:
            continue
        cls = classes[name]
        try:
            same = cls.from_dict(data).to_dict() == data
            text = json.dumps(data)
            same = same and json.loads(cls.from_json(text).to_json()) == data
            same = same and cls.from_json(text) == cls.from_dict(data)
        except Exception as exc:
            same = f"{type(exc).__name__}: {exc}"
        report["payloads"] += 1
        if same is not True:
            report["payload_failures"].append([name, key, str(same)])
for name, data in doc_examples.items():
    try:
        same = classes[name].from_dict(data).to_dict() == data
    except Exception as exc:
        same = f"{type(exc).__name__}: {exc}"
    report["docs"] += 1
    if same is not True:
        report["doc_failures"].append([name, str(same)])
tests = [doctest.testmod(m) for m in modules]
report["doctests"] = sum(t.attempted for t in tests)
report["doctest_failures"] = sum(t.failed for t in tests)
wrong = {"authorizationDetails": {"elements": [{"type": 3}]}}
try:
    classes["TokenCreateResponse"].from_dict(wrong)
except ValueError as exc:
    report["wrong_type"] = str(exc)
json.dump(report, sys.stdout)
"""
