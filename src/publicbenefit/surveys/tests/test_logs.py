"""The filter that keeps survey links' secrets out of Django's request logs."""

import logging

from publicbenefit.surveys.logs import LOGGERS, RedactSurveyLinks


def _record(message, *args):
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, None)


def test_the_secret_in_a_survey_path_is_replaced():
    record = _record("%s: %s", "Gone", "/s/abcDEF-123_xyz/q/2/")

    assert RedactSurveyLinks().filter(record)

    assert record.getMessage() == "Gone: /s/[link]/q/2/"


def test_a_request_line_from_the_server_is_redacted():
    record = _record('"%s" %s %s', "GET /s/abcDEF-123_xyz/ HTTP/1.1", "200", "512")

    RedactSurveyLinks().filter(record)

    assert record.getMessage() == '"GET /s/[link]/ HTTP/1.1" 200 512'


def test_the_secrets_of_jury_and_dialogue_links_are_replaced():
    paths = {
        "/jury/juror/Zx9-secret_1/vote/4/": "/jury/juror/[link]/vote/4/",
        "/jury/Zx9-secret_2/volunteer/": "/jury/[link]/volunteer/",
        "/dialogue/host/Zx9-secret_3/write-up/": "/dialogue/host/[link]/write-up/",
        "/dialogue/Zx9-secret_4/events/": "/dialogue/[link]/events/",
    }
    for path, redacted in paths.items():
        record = _record("Not Found: %s", path)
        RedactSurveyLinks().filter(record)
        assert record.getMessage() == f"Not Found: {redacted}"


def test_a_published_jury_report_keeps_its_number():
    record = _record("Not Found: %s", "/jury/12/report/")
    RedactSurveyLinks().filter(record)
    assert record.getMessage() == "Not Found: /jury/12/report/"


def test_other_paths_and_the_code_page_are_left_alone():
    for path in ("/s/code/", "/o/calderbrook/surveys/3/"):
        record = _record("Not Found: %s", path)
        RedactSurveyLinks().filter(record)
        assert record.getMessage() == f"Not Found: {path}"


def test_the_filter_is_on_the_loggers_that_print_paths():
    for name in LOGGERS:
        assert any(isinstance(each, RedactSurveyLinks) for each in logging.getLogger(name).filters)
