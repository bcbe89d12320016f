"""Shared machinery for building resources/sandbox/demo-services-0.48.json.

Every request schema is produced the way IVCAP's service SDKs produce it: a pydantic model's
JSON Schema (pydantic 2: `model_json_schema()`, JSON Schema 2020-12; pydantic 1 style for the
older draft-07 services), or, for Argo and Nextflow pipelines, a hand-written draft-07 document
as those service definitions carry. Nothing here runs at build time; the generated file is
checked in and tested by tests/sandbox/tst_catalogue48.cpp.
"""

import hashlib
import inspect
import re
import uuid

import jsonschema
from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

DRAFT7 = "http://json-schema.org/draft-07/schema#"
DRAFT2020 = "https://json-schema.org/draft/2020-12/schema"
TOOL_SCHEMA = "urn:sd-core:schema.ai-tool.1"
ARTIFACT_PATTERN = r"^urn:ivcap:artifact:[0-9a-f-]+$"
OPEN_POLICY = "urn:ivcap:policy:ivcap.open.service"

CONTROLLERS = {
    "rest": "urn:ivcap:schema.service.rest.1",
    "batch": "urn:ivcap:schema.service.batch.1",
    "argo": "urn:ivcap:schema.service.argo.1",
    "nextflow": "urn:ivcap:schema.service.nextflow.1",
}


def fixed_uuid(seed: str) -> str:
    """A version-4-shaped UUID derived from `seed`, so ids stay the same on every rebuild."""
    return str(uuid.UUID(bytes=hashlib.sha256(seed.encode()).digest()[:16], version=4))


def artifact(seed: str) -> str:
    return f"urn:ivcap:artifact:{fixed_uuid('artifact:' + seed)}"


ACCOUNTS = {
    team: f"urn:ivcap:account:{fixed_uuid('account:' + team)}"
    for team in ("earth-observation", "genomics", "water", "language", "imaging", "ecology",
                 "climate", "agriculture", "platform")
}


class Dialect2020(GenerateJsonSchema):
    """pydantic's generator, naming the dialect it emits (`$schema`) as some services do."""

    def generate(self, schema, mode="validation"):
        js = super().generate(schema, mode)
        return {"$schema": self.schema_dialect, **js}


def schema_of(model, dialect):
    """The request schema of a pydantic (2 or 1) model, as the service SDK publishes it."""
    if hasattr(model, "model_json_schema"):
        if dialect == DRAFT2020:
            return model.model_json_schema(schema_generator=Dialect2020)
        if dialect is None:
            return model.model_json_schema()
        raise ValueError("pydantic 2 models emit 2020-12")
    # pydantic 1 (`definitions`, `allOf`-wrapped references, draft-07 tuples)
    js = model.schema()
    return {"$schema": dialect, **js} if dialect else js


_PY = {"string": "str", "integer": "int", "number": "float", "boolean": "bool",
       "object": "dict", "array": "list"}


def _py_type(prop, required):
    ref = prop.get("$ref") or next((a["$ref"] for a in prop.get("allOf", []) if "$ref" in a), None)
    if ref:
        name = ref.rsplit("/", 1)[-1]
        return name if required else f"Optional[{name}]"
    t = prop.get("type")
    if t is None and "anyOf" in prop:
        inner = [p for p in prop["anyOf"] if p.get("type") != "null"]
        t = inner[0].get("type") if len(inner) == 1 else None
        required = False
    if t == "array":
        it = prop.get("items", {})
        name = f"array[{_PY.get(it.get('type'), 'Any')}]" if isinstance(it, dict) else "tuple"
    else:
        name = _PY.get(t, "Any")
    return name if required else f"Optional[{name}]"


def tool_description(fn_name, doc, schema, returns):
    """Signature and description in the shape ivcap_service.tool_definition writes them."""
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    args = [(k, _py_type(v, k in required and "default" not in v), v)
            for k, v in props.items() if k != "$schema"]
    signature = f"{fn_name}(" + ", ".join(f"{k}: {t}" for k, t, _ in args) + f") -> {returns}"
    lines = [inspect.cleandoc(doc), "", "Arguments:"]
    for k, t, v in args:
        line = f"  {k}: {t}"
        if "description" in v:
            line += f" - {v['description']}"
        if "default" in v:
            line += f" (Defaults to {v['default']})"
        lines.append(line)
    lines += ["", f"Returns: {returns}"]
    return signature, "\n".join(lines)


def resources(cpu="500m", memory="1Gi", storage=None):
    req = {"cpu": cpu, "memory": memory}
    if storage:
        req["ephemeral-storage"] = storage
    return {"limits": dict(req), "requests": dict(req)}


def image(slug):
    return f"{fixed_uuid('package:' + slug)}/{slug}_amd64:{hashlib.sha1(slug.encode()).hexdigest()[:7]}"


def controller(kind, slug, *, stages=None, cpu="500m", memory="1Gi"):
    schema = CONTROLLERS[kind]
    if kind == "rest":
        return {"$schema": schema, "image": image(slug), "command": ["python", "/app/tool-service.py"],
                "port": 8090, "ready-url": "/_healtz",
                "resources": resources(cpu, memory, "1Gi")}
    if kind == "batch":
        return {"$schema": schema, "image": image(slug),
                "command": ["python", f"/app/{slug.replace('-', '_')}.py"],
                "resources": resources(cpu, memory)}
    if kind == "nextflow":
        return {"$schema": schema,
                "pipeline": {"urn": artifact("pipeline:" + slug), "main_script": "main.nf"},
                "resources": resources(cpu, memory)}
    stages = stages or ["fetch", "process", "publish"]
    templates = [{"name": "main", "steps": [[{"name": s, "template": s}] for s in stages]}]
    for s in stages:
        templates.append({"name": s, "container": {
            "image": image(slug), "command": ["./run.sh"], "args": ["--stage", s],
            "resources": {"requests": {"cpu": "250m", "memory": "512Mi"},
                          "limits": {"cpu": cpu, "memory": memory}}}})
    return {"$schema": schema, "workflow": {
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
        "metadata": {"generateName": slug + "-"},
        "spec": {"entrypoint": "main", "templates": templates}}}


SERVICES = []


def service(name, *, slug, team, tags, description, controller_kind, fn, doc, returns, example,
            model=None, schema=None, dialect=DRAFT2020, duration_ms=2000, steps=None,
            result="echo", products=(), stages=None):
    """Adds one catalogue entry (see sandbox/README.md, "Demo catalogue (v0.48)")."""
    if model is not None:
        schema = schema_of(model, dialect)
    sid = f"urn:ivcap:service:{fixed_uuid('service:' + slug)}"
    signature, tool_desc = tool_description(fn, doc, schema, returns)
    request_schema = schema.get("properties", {}).get("$schema", {})
    request_urn = request_schema.get("const") or request_schema.get("default") or schema.get("$id")
    short = re.sub(r"^urn:[^:]+:schema[.:]", "", request_urn or slug).split(".request")[0]
    entry = {
        "id": sid,
        "name": name,
        "description": inspect.cleandoc(description),
        "tags": list(tags),
        "controller-schema": CONTROLLERS[controller_kind],
        "controller": controller(controller_kind, slug, stages=stages),
        "policy": OPEN_POLICY,
        "account": ACCOUNTS[team],
        "ai-tool": {
            "$schema": TOOL_SCHEMA,
            "id": f"urn:sd-core:ai-tool.{fn}",
            "name": fn,
            "service-id": sid,
            "description": tool_desc,
            "fn_signature": signature,
            "fn_schema": schema,
        },
        "sandbox": {
            "duration-ms": duration_ms,
            "steps": list(steps or ["Reading request", "Computing", "Writing result"]),
            "result-schema": f"urn:sandbox:schema:{short}.result.1",
            "result": result,
            "products": [{"kind": k, "name": n} for k, n in products],
            "example-request": example,
        },
    }
    _check(entry, model)
    SERVICES.append(entry)


def _check(entry, model):
    schema = entry["ai-tool"]["fn_schema"]
    example = entry["sandbox"]["example-request"]
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    cls.check_schema(schema)
    errors = [e.message for e in cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(example)
              if e.validator != "multipleOf"]
    if errors:
        raise ValueError(f"{entry['name']}: example does not validate: {errors}")
    if model is not None and hasattr(model, "model_validate"):
        model.model_validate(example)
    elif model is not None:
        model.parse_obj(example)
    d = entry["sandbox"]["duration-ms"]
    assert 1000 <= d <= 6000, entry["name"]
