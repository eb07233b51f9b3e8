"""The prize draw: reproducible from the published seed and codes, in any order, and by the
shell recipe in the docs."""

import shutil
import subprocess

import pytest

from publicbenefit.core.weighting import WeightingSettingsError, draw_key, prize_draw

CODES = [f"PB-{index:04d}" for index in range(1, 201)]


def test_the_draw_is_reproducible_in_any_order() -> None:
    draw = prize_draw(CODES, 3, seed="2026-11-25 wave 2")
    again = prize_draw(list(reversed(CODES)), 3, seed="2026-11-25 wave 2")
    assert draw == again
    assert len(set(draw.winners)) == 3
    assert set(draw.order) == set(CODES)
    assert draw.order[:3] == draw.winners
    assert prize_draw(CODES, 3, seed="another seed").winners != draw.winners


def test_the_winners_have_the_smallest_keys() -> None:
    draw = prize_draw(CODES, 5, seed="s")
    keys = sorted(draw_key("s", code) for code in CODES)
    assert [draw_key("s", code) for code in draw.winners] == keys[:5]


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="needs coreutils")
def test_the_shell_recipe_in_the_docs_gives_the_same_winners(tmp_path: object) -> None:
    recipe = (
        "SEED='2026-11-25 wave 2'; while IFS= read -r code; do "
        "printf '%s %s\\n' \"$(printf '%s:%s' \"$SEED\" \"$code\" | sha256sum | cut -d' ' -f1)\" "
        "\"$code\"; done | LC_ALL=C sort | head -n 3 | cut -d' ' -f2"
    )
    codes = CODES[:40]
    run = subprocess.run(  # noqa: S603 - a fixed recipe from our own docs
        ["/bin/bash", "-c", recipe],
        input="\n".join(codes) + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert tuple(run.stdout.split()) == prize_draw(codes, 3, seed="2026-11-25 wave 2").winners


@pytest.mark.parametrize(
    ("codes", "k"), [(["a", "a", "b"], 1), (["a", "b c"], 1), (["a", ""], 1), (["a", "b"], 3)]
)
def test_bad_entries_are_refused(codes: list[str], k: int) -> None:
    with pytest.raises(WeightingSettingsError):
        prize_draw(codes, k, seed="s")
