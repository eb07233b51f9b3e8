"""Every staff write in the audited areas records an audit entry: each public function taking
an ``actor`` in these service modules must call ``audit_record`` (directly, or through a helper
of the same module that does), or be listed below with why it is not audited. A new staff
action in these modules therefore fails this test until someone decides whether it is audited;
and a function listed as not audited that starts recording an entry must leave the list."""

import ast
import importlib
import inspect

import pytest

MODULES = (
    "publicbenefit.partnerships.services",
    "publicbenefit.juries.services.process_votes",
    "publicbenefit.juries.services.process_report",
    "publicbenefit.juries.services.draw",
    "publicbenefit.dialogues.services.events",
    "publicbenefit.dialogues.services.outcome",
    "publicbenefit.panels.services.waves",
)

#: Staff actions in those modules that are deliberately not audited, and why.
NOT_AUDITED = {
    "publicbenefit.juries.services.process_votes.recommendation_add": "drafting, before a vote",
    "publicbenefit.juries.services.process_votes.recommendation_update": "drafting, before a vote",
    "publicbenefit.juries.services.process_votes.recommendation_remove": "drafting, before a vote",
    "publicbenefit.juries.services.process_votes.recommendation_move": "drafting, before a vote",
    "publicbenefit.juries.services.process_report.forum_save": "a record of a public meeting",
    "publicbenefit.juries.services.process_report.final_report_save": "a draft; publishing is",
    "publicbenefit.dialogues.services.events.event_link_resend": "re-sends the approved link",
}


def _auditing_functions(tree: ast.Module) -> set[str]:
    """The module's functions that call ``audit_record``, directly or through each other."""
    calls: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            calls[node.name] = {
                call.func.id
                for call in ast.walk(node)
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            }
    auditing = {name for name, called in calls.items() if "audit_record" in called}
    while True:
        more = {name for name, called in calls.items() if called & auditing} - auditing
        if not more:
            return auditing
        auditing |= more


def _staff_actions(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    return [
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module_name
        and not name.startswith("_")
        and "actor" in inspect.signature(function).parameters
    ]


@pytest.mark.parametrize("module_name", MODULES)
def test_every_staff_action_is_audited_or_exempted(module_name):
    module = importlib.import_module(module_name)
    auditing = _auditing_functions(ast.parse(inspect.getsource(module)))
    actions = _staff_actions(module_name)
    assert actions, f"{module_name} has no staff actions: remove it from MODULES"

    missing = [
        name
        for name in actions
        if name not in auditing and f"{module_name}.{name}" not in NOT_AUDITED
    ]
    assert not missing, f"not audited: {missing}; audit them or list them in NOT_AUDITED"
    stale = [
        name for name in actions if name in auditing and f"{module_name}.{name}" in NOT_AUDITED
    ]
    assert not stale, f"audited, so remove from NOT_AUDITED: {stale}"


def test_every_exemption_names_a_staff_action():
    known = {f"{module}.{name}" for module in MODULES for name in _staff_actions(module)}
    assert set(NOT_AUDITED) <= known


def test_the_walk_follows_helpers_and_catches_a_missing_entry():
    source = """
def _record(actor):
    audit_record(actor=actor)

def audited_through_a_helper(*, actor):
    _record(actor)

def audited_directly(*, actor):
    audit_record(actor=actor)

def forgotten(*, actor):
    save(actor)
"""
    auditing = _auditing_functions(ast.parse(source))
    assert auditing == {"_record", "audited_through_a_helper", "audited_directly"}
