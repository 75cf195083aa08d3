"""No input crashes ingest: arbitrary bytes and text give Articles or set-asides."""

from __future__ import annotations

import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilat.ingest import read_inputs, read_stdin
from bilat.record import Article, SetAside

_SETTINGS = settings(max_examples=150, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture])

# Bytes that look like JSON Lines often enough to reach the record code.
_jsonish = st.lists(
    st.one_of(
        st.binary(max_size=60),
        st.sampled_from([b'{"text": "x"}', b'{"id": 1, "text": "\\ud800"}', b"[]", b"{",
                         b'{"text": "a", "date": "99999-1-1"}', b'{"url": "u", "text": ""}',
                         b"\xef\xbb\xbf{}", b"\n", b"\r\n"]),
    ),
    max_size=8,
).map(b"\n".join)


@_SETTINGS
@given(data=st.one_of(st.binary(max_size=400), _jsonish),
       suffix=st.sampled_from([".txt", ".jsonl", ".json", ".html"]))
def test_read_inputs_arbitrary_bytes_never_raise(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    got = list(read_inputs([str(path)]))
    assert got and all(isinstance(r, (Article, SetAside)) for r in got)
    if suffix == ".txt":
        assert len(got) == 1


@_SETTINGS
@given(text=st.text(max_size=300))
def test_read_stdin_arbitrary_text_never_raises(text):
    got = list(read_stdin(io.StringIO(text)))
    assert got and all(isinstance(r, (Article, SetAside)) for r in got)


@_SETTINGS
@given(data=st.one_of(st.binary(max_size=300), _jsonish))
def test_read_stdin_arbitrary_bytes_never_raise(data):
    got = list(read_stdin(io.BytesIO(data)))
    assert got and all(isinstance(r, (Article, SetAside)) for r in got)
