"""schemathesis against /openapi.json: generated requests to every operation, on the
sample store, never get a server error (5xx), every refusal is problem JSON, and every
answer's status and content type are the ones /openapi.json documents (issue 14, 9: it
lacked the 400 and 414 answers).

Driven through schemathesis's Python API and Hypothesis (its pytest plugin's lazy
fixtures do not work with this pytest), with a fixed number of examples per operation:
about 15 GET operations x 25 examples, some 15 s in all.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    status_code_conformance,
)

EXAMPLES = 25


def test_api_generated_requests_get_no_server_error(sample_app) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", sample_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    tried: dict[str, int] = {}

    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            response = case.call()
            tried[op.label] = tried.get(op.label, 0) + 1  # noqa: B023 - run in this loop
            case.validate_response(response, checks=[
                not_a_server_error, status_code_conformance, content_type_conformance])
            if response.status_code >= 400:
                ctype = response.headers["content-type"]  # schemathesis: a list per header
                ctype = ctype[0] if isinstance(ctype, list) else ctype
                assert ctype.startswith("application/problem+json"), (
                    op.label, ctype)  # noqa: B023
                assert response.json()["code"].startswith("BL-E")

        check()
    assert len(tried) == len(operations)
