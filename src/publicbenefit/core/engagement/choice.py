"""Recording the engagement lead's choice of method, and the reason when it is not the
recommended one.

The chooser recommends; a person decides. Taking the first-ranked option needs no reason. Taking
any other option, or one the constraints rule out, needs a reason, and a ruled-out choice keeps the
constraints it breaks so that the plan and the public register can show them.
"""

from dataclasses import dataclass

from publicbenefit.core.engagement.chooser import Obstacle, Option, Recommendation
from publicbenefit.core.engagement.errors import ChooserInputError
from publicbenefit.core.errors import Problem


@dataclass(frozen=True)
class Choice:
    """The option chosen, whether it follows the recommendation, and why not when it does not."""

    option: Option
    recommended_id: str | None
    followed: bool
    reason: str | None
    breaks: tuple[Obstacle, ...]


def record_choice(recommendation: Recommendation, option_id: str, *, reason: str = "") -> Choice:
    """The choice of ``option_id`` from ``recommendation``.

    Raises ``ChooserInputError`` when the option is not one the recommendation weighed, or when it
    is not the first-ranked option and ``reason`` is blank.
    """
    best = recommendation.best
    ranked = {entry.option.id: entry.option for entry in recommendation.ranked}
    ruled_out = {entry.option.id: entry for entry in recommendation.ruled_out}
    if option_id not in ranked and option_id not in ruled_out:
        known = ", ".join([*ranked, *ruled_out])
        raise ChooserInputError(
            [Problem(None, "option", f"'{option_id}' is not an option; the options are: {known}")]
        )
    followed = best is not None and best.option.id == option_id
    if not followed and not reason.strip():
        recommended = f"the recommended {best.option.name}" if best else "no recommended option"
        raise ChooserInputError(
            [
                Problem(
                    None, "reason", f"Enter the reason for choosing this option over {recommended}"
                )
            ]
        )
    option = ranked[option_id] if option_id in ranked else ruled_out[option_id].option
    breaks = ruled_out[option_id].obstacles if option_id in ruled_out else ()
    return Choice(
        option=option,
        recommended_id=best.option.id if best else None,
        followed=followed,
        reason=reason.strip() or None,
        breaks=breaks,
    )
