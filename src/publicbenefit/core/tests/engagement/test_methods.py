"""The methods file: its attributes rest on the source's own words, and a malformed file is
refused with the line and the reason."""

import pytest

from publicbenefit.core.engagement import MethodsInvalidError, QuoteSource
from publicbenefit.data import default_methods, engagement_methods_text, load_methods


def test_every_attribute_cites_the_source_and_says_how_it_was_derived() -> None:
    for method in default_methods().methods:
        for basis in method.basis:
            assert basis.note
            assert basis.supported_by or basis.limited_by, (method.id, basis.attribute)


def test_the_quotes_of_a_method_are_its_pros_cons_positives_and_negatives() -> None:
    dialogue = default_methods().method("distributed_dialogue")
    quotes = dialogue.quotes()
    assert len(quotes) == 5 + 6 + 4 + 3
    assert quotes[0].source is QuoteSource.APPENDIX_C_PRO
    assert str(quotes[-1]) == (
        "Distributed Dialogue, Appendix D negative: “Worry about handing over to different groups "
        "to summarise – creating different narratives.”"  # noqa: RUF001 - the source's en dash
    )


def test_the_mixes_name_the_methods() -> None:
    methods = default_methods()
    for mix in methods.mixes:
        assert all(methods.method(method_id) for method_id in mix.method_ids)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            'supported_by: ["Direct citizen input;", "Highly',
            'supported_by: ["Direct citizen input", "Highly',
            "the quote 'Direct citizen input' is not one of the method's",
        ),
        ("per: [witnesses]", "per: [experts]", "'experts', which is not one of the cost model"),
        (
            "methods: [citizens_panel, citizens_jury]",
            "methods: [citizens_panel, citizens_court]",
            "the mix names an unknown method 'citizens_court'",
        ),
        (
            'value: deliberate\n        supported_by: ["Extended',
            'value: very_deep\n        supported_by: ["Extended',
            "'very_deep' is not one of",
        ),
        ("minimum: 12", "minimum: 30", "the minimum number of participants (30) is above"),
    ],
)
def test_a_malformed_methods_file_is_refused_with_its_line_and_reason(
    old: str, new: str, reason: str
) -> None:
    text = engagement_methods_text()
    assert old in text
    changed = text.replace(old, new, 1)
    with pytest.raises(MethodsInvalidError) as raised:
        load_methods(changed)
    (problem,) = raised.value.problems
    assert reason in problem.reason
    # A problem is reported at the value's own line or, for a whole attribute (the participants
    # range), at the line of the attribute's key.
    first_line = new.split("\n", maxsplit=1)[0]
    at = "participants:\n        minimum: 30" if "minimum: 30" in new else first_line
    assert problem.line == line_of(changed, at)
