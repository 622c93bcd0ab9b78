"""SARIF 2.1.0 output checked against a schema.

The official schema cannot be downloaded at test time and is not vendored here; SCHEMA
below is a transcription of the parts of the official sarif-schema-2.1.0.json that
listlint emits (required keys, enums, ``additionalProperties: false`` where the official
schema has it), so an unknown or misspelt key fails the test.
"""

from __future__ import annotations

import io
import json

import jsonschema

from listlint.formatters import FormatOptions, sarif
from tests.formatter_report import fixed_report

MSG = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}},
}
BAG = {"type": "object"}
SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {"$ref": "#/definitions/run"}},
    },
    "definitions": {
        "run": {
            "type": "object",
            "additionalProperties": False,
            "required": ["tool"],
            "properties": {
                "tool": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["driver"],
                    "properties": {"driver": {"$ref": "#/definitions/toolComponent"}},
                },
                "artifacts": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {"location": {"$ref": "#/definitions/artifactLocation"}},
                    },
                },
                "results": {"type": "array", "items": {"$ref": "#/definitions/result"}},
                "properties": BAG,
            },
        },
        "toolComponent": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "informationUri": {"type": "string", "format": "uri"},
                "rules": {
                    "type": "array",
                    "uniqueItems": True,
                    "items": {"$ref": "#/definitions/reportingDescriptor"},
                },
            },
        },
        "reportingDescriptor": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "shortDescription": MSG,
                "fullDescription": MSG,
                "help": MSG,
                "helpUri": {"type": "string", "format": "uri"},
                "defaultConfiguration": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "enabled": {"type": "boolean"},
                        "rank": {"type": "number"},
                    },
                },
                "properties": BAG,
            },
        },
        "result": {
            "type": "object",
            "additionalProperties": False,
            "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": MSG,
                "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
                "properties": BAG,
            },
        },
        "location": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "physicalLocation": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "artifactLocation": {"$ref": "#/definitions/artifactLocation"},
                        "region": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {
                                "startLine": {"type": "integer", "minimum": 1},
                                "snippet": {
                                    "type": "object",
                                    "additionalProperties": False,
                                    "properties": {"text": {"type": "string"}},
                                },
                            },
                        },
                    },
                },
                "logicalLocations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "name": {"type": "string"},
                            "fullyQualifiedName": {"type": "string"},
                            "kind": {"type": "string"},
                        },
                    },
                },
            },
        },
        "artifactLocation": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "uri": {"type": "string", "format": "uri-reference"},
                "uriBaseId": {"type": "string"},
            },
        },
    },
}


def _doc(report=None):
    buf = io.StringIO()
    sarif.write(report or fixed_report(), buf, FormatOptions())
    return json.loads(buf.getvalue())


def test_sarif_validates() -> None:
    jsonschema.validate(_doc(), SCHEMA)


def test_sarif_locations_name_file_row_sku_and_field() -> None:
    run = _doc()["runs"][0]
    first = run["results"][0]
    loc = first["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "shop/catalog.csv"
    assert loc["physicalLocation"]["region"]["startLine"] == 2
    assert [x["name"] for x in loc["logicalLocations"]] == ["SKU-1", "Title"]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["ZZ901", "ZZ902", "ZZ903"]
    assert run["tool"]["driver"]["rules"][first["ruleIndex"]]["id"] == first["ruleId"]


def test_sarif_rules_carry_real_documentation() -> None:
    from listlint import lint

    report = lint([{"sku": "A", "title": ""}, {"sku": "A", "title": "x"}])
    if not report.findings:
        return
    doc = _doc(report)
    jsonschema.validate(doc, SCHEMA)
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]:
        assert "Why" in rule["help"]["text"]
