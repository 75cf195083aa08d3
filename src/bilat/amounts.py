"""How amounts are shown to people: currency signs, scale words, thousands grouping.

``format_amount(1.2e9, "USD")`` → ``"$1.2 bn"``; ``format_amount(52.4e6, "tonnes")`` →
``"52.4 m tonnes"``; ``format_amount(18.4, "percent")`` → ``"18.4%"``. Records keep the
exact number in units (``value``) and its ISO 4217 currency or unit; this is only the
text the dashboard, the CLI and the exports put beside it.
"""

from __future__ import annotations

#: Currency signs written before the number; other currencies show their ISO code.
SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
#: Scale words, largest first, and the smallest value each is used for.
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
#: Units shown with a space and their name ("52.4 m tonnes"); underscores become spaces.
_PERCENT = "percent"


#: Significant digits shown of a scaled number: "$1.085 bn", "$586.3 m", "$1.2 bn".
DIGITS = 4


def _significant(x: float) -> str:
    whole = len(str(int(x)))
    decimals = max(0, DIGITS - whole)
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float) -> str:
    """``1234567`` → ``"1.235 m"``, ``52400`` → ``"52,400"``, ``0.5`` → ``"0.5"``."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    for size, word in SCALES:
        if v >= size:
            return f"{sign}{_significant(v / size)} {word}"
    if v >= 1000 or v == int(v):
        return f"{sign}{v:,.0f}"
    return f"{sign}{v:,.2f}".rstrip("0").rstrip(".")


def format_amount(value: float | None, unit: str | None) -> str:
    """A value with its currency or unit, as people read it; ``"—"`` for no value."""
    if value is None:
        return "—"
    if unit == _PERCENT:
        return f"{format_number(value)}%"
    number = format_number(value)
    if unit in SIGNS:
        sign, number = ("-", number[1:]) if number.startswith("-") else ("", number)
        return f"{sign}{SIGNS[unit]}{number}"
    if unit and len(unit) == 3 and unit.isupper():
        return f"{unit} {number}"
    if unit:
        return f"{number} {unit.replace('_', ' ')}"
    return number
