"""A change to copyright and IP text is high only when the licence the user grants widens
(licence_grant.py, issue 12 round 9, sev9)."""

from __future__ import annotations

from summarizer.analyzers.rules.licence_grant import licence_widened
from summarizer.api import compare_texts
from summarizer.rubric.clauses import Cue
from summarizer.testing.provisions import single_unit_provision

_OLD = "You grant us a licence to host and display the content you post."


def _prov(old: str, new: str):
    return single_unit_provision(old, new, category="content_license_ip")


def test_a_perpetual_or_irrevocable_licence_put_in_widens_the_grant() -> None:
    new = "You grant us a perpetual, irrevocable licence to host and display the content you post."
    assert licence_widened(_prov(_OLD, new), [])


def test_ai_training_on_the_users_content_widens_the_grant() -> None:
    new = _OLD[:-1] + " and to train our artificial intelligence models."
    assert licence_widened(_prov(_OLD, new), [])


def test_a_licence_cue_widens_the_grant() -> None:
    cue = Cue(kind="licence", polarity=1, side="added", sentence="You grant us a licence to your photos.")
    assert licence_widened(_prov(_OLD, _OLD + " We may show your photos."), [cue])


def test_a_third_partys_infringement_or_a_ban_on_the_user_is_no_wider_grant() -> None:
    old = "If you believe someone is using your copyrighted work, you can report it to us."
    new = "If you believe someone is using your copyrighted work without your permission, you can report it to us."
    assert not licence_widened(_prov(old, new), [])
    duty = Cue(
        kind="reader_duty", polarity=1, side="added", sentence="You must not upload content you do not own."
    )
    widened = Cue(
        kind="widened", polarity=1, side="added", sentence="You are prohibited from posting ID numbers."
    )
    assert not licence_widened(_prov(old, new), [duty, widened])


def test_a_new_ban_on_exploiting_others_content_is_not_a_high_record() -> None:
    old = (
        "# Terms\n\n## Intellectual Property\n\nThe Content is protected by copyright and other intellectual "
        "property laws. You promise to abide by all copyright notices contained in any Content you access.\n"
    )
    new = old.rstrip("\n") + (
        " You will not use, copy, reproduce, adapt, modify, translate, publish, broadcast, transmit, distribute,"
        " perform, upload, display, license, sell or otherwise exploit for any purpose any Content not owned by"
        " you in a way that violates someone else's rights.\n"
    )
    record = compare_texts(old, new)
    assert record.material
    assert record.severity == "medium"


def test_a_licence_made_perpetual_is_still_a_high_record() -> None:
    old = "# Terms\n\n## Your Content\n\nYou grant us a licence to host and display the content you post.\n"
    new = (
        "# Terms\n\n## Your Content\n\nYou grant us a perpetual, irrevocable, sublicensable licence to host, "
        "display and modify the content you post.\n"
    )
    assert compare_texts(old, new).severity == "high"
