"""A new capture that is a sign-in form instead of the policy (capture_errors.sign_in_wall, issue 12)."""

from summarizer.api import compare_texts

POLICY = "# Review guidelines\n\n" + "\n\n".join(
    f"Rule {i}: reviews must describe your own experience with item number {i} that you bought."
    for i in range(8)
)
WALL = (
    "Sign in / Register\n\nPlease enter your email address\n\nContinue with Google\n\nContinue with Apple\n\n"
    "Trouble signing in?\n\n"
)


def test_sign_in_page_instead_of_the_policy_is_not_material():
    record = compare_texts(POLICY, WALL + "# Other page\n\nWelcome to our store.\n")
    assert not record.material
    assert any(f.code == "capture_mismatch" for f in record.flags)


def test_sign_in_banner_above_the_whole_policy_does_not_hide_a_change():
    new = WALL + POLICY + "\n\nWe may share your reviews, your name and your email address with advertisers."
    record = compare_texts(POLICY, new)
    assert record.material
