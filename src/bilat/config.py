"""One Settings object: defaults in code, then ``bilat.toml``, then ``BILAT_*`` variables,
then command-line flags (applied by the CLI)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from bilat.errors import ConfigError

DEFAULT_DB = "sqlite:///bilat.db"
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


@dataclass
class Settings:
    #: The store's URL; the one place ``BILAT_DB`` is read (``Store()`` with no URL too).
    db: str = DEFAULT_DB
    #: Articles per spaCy ``nlp.pipe`` call (``Pipeline``); 16-64 measured equal, so the
    #: default is ``pipeline.BATCH_SIZE``.
    batch_size: int = 32
    #: Articles ``bilat ingest`` stores per transaction (``service.save_stream``). On the 300
    #: presidential releases (bench/ingest) 100 and 300 store alike; a smaller batch pays
    #: for its transaction and look-ups more often, a larger one loses more extracted work
    #: to an interruption (not what is stored: ingesting again resumes).
    store_batch: int = 100
    api_token: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    #: The largest request body the API accepts (POST /api/articles), in bytes.
    api_max_body: int = 10_000_000
    #: The most articles one POST /api/articles may carry.
    api_max_articles: int = 100
    #: ``bilat watch``: also fetch pages at internal addresses (loopback, private,
    #: link-local …) outside the listed feeds' origins (docs/security.md).
    watch_allow_private: bool = False
    problems: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def load(cls, toml_path: str | os.PathLike[str] | None = None,
             environ: dict[str, str] | None = None) -> Settings:
        """Read the settings; every problem found is reported at once in one ConfigError."""
        env = os.environ if environ is None else environ
        s = cls()
        problems: list[str] = []
        path = Path(toml_path or env.get("BILAT_CONFIG", "bilat.toml"))
        values: dict[str, object] = {}
        if path.is_file():
            try:
                values.update(tomllib.loads(path.read_text("utf-8")).get("bilat", {}))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                problems.append(f"{path} is not valid TOML ({exc}); fix or remove it")
        for f in fields(cls):
            if f.name == "problems":
                continue
            key = "BILAT_" + f.name.upper()
            if key in env:
                values[f.name] = env[key]
        for name, raw in values.items():
            f = next((x for x in fields(cls) if x.name == name and name != "problems"), None)
            if f is None:
                problems.append(f"unknown setting {name!r}; known: "
                                + ", ".join(x.name for x in fields(cls) if x.name != "problems"))
                continue
            if f.type in ("bool",):
                word = str(raw).strip().lower()
                if word in _TRUE or raw is True:
                    setattr(s, name, True)
                elif word in _FALSE or raw is False:
                    setattr(s, name, False)
                else:
                    problems.append(f"setting {name} must be true or false, got {raw!r}")
            elif f.type in ("int",):
                try:
                    setattr(s, name, int(str(raw)))
                except ValueError:
                    problems.append(f"setting {name} must be a whole number, got {raw!r}")
                    continue
                if getattr(s, name) <= 0:
                    problems.append(f"setting {name} must be positive, got {raw!r}")
            else:
                setattr(s, name, None if raw in ("", None) else str(raw))
        if problems:
            raise ConfigError("; ".join(problems))
        return s
