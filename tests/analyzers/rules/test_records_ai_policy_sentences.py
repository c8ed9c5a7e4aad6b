"""A check of the AI reading on AI-policy sentences written for this test (issue 12, round 4).

Each sentence is this project's own wording of a practice found in AI assistants' and platforms'
policies (training on prompts, chats or uploads; opting out of model training; AI features and
agents acting for the user; automated decisions), not copied from any data set or policy. Put
inside an otherwise unchanged consumer privacy policy, as its own paragraph or appended to one,
the record must be material and name ``ai_training``; the sentences about AI-made content,
authorised agents, support staff, link targets or an AI product's billing must not be named ``ai_training``.
"""

from __future__ import annotations

import pytest

from summarizer.api import compare_texts

POLICY = """# Privacy Policy

Last updated: March 3, 2026

## Information we collect

We collect the information you give us when you create an account, such as your name and email address.

## How we use information

We use your information to provide and maintain the service, to respond to your requests and to keep your account secure.{inline}
{paragraph}
## Your choices

You can unsubscribe from marketing emails at any time by using the link in each email.
"""

AI_SENTENCES = [
    "We use the prompts you enter and the responses you receive to train and improve our AI models.",
    "Your conversations with the assistant may be reviewed by human reviewers and used to improve our models.",
    "By default, content you share with our chatbot may be used to train our large language models.",
    "You can turn off model training at any time in Settings > Data Controls.",
    "If you opt out, we will no longer use your chats to improve the model for everyone.",
    "Files and images you upload to the assistant may be used to fine-tune our models.",
    "Our AI agents can make purchases and book appointments on your behalf once you connect your accounts.",
    "The assistant may take actions for you in other apps, such as sending emails or filling in forms.",
    "We use automated decision-making, including profiling, to decide whether to approve your application.",
    "Some decisions about your account, such as suspensions for suspected fraud, are made solely by automated "
    "systems without human review.",
    "We may use publicly available posts and comments to train generative AI systems.",
    "Voice recordings from your smart speaker may be used to improve our speech recognition models.",
    "We share your chat history with our AI partners, such as OpenAI, to generate responses.",
    "Inputs and outputs of the service may be used to improve our machine learning technologies.",
    "The new Copilot feature summarises your emails using artificial intelligence.",
    "Features that use AI, like smart replies and writing suggestions, read the content of your messages.",
    "We no longer offer a setting to exclude your content from AI training.",
    "The chatbot remembers details from earlier conversations to personalise its future answers.",
    "An autonomous agent acting for you may browse websites, fill in forms and complete purchases.",
    "We may use your data to train, fine-tune and evaluate the algorithms that power our recommendations.",
    "Your chats with our customer service virtual agent may be recorded and used to improve its answers.",
    "Where the shopping assistant is available, we keep your chat transcripts to improve the shopping assistant.",
    "You can ask that a person, not an automated system, reconsider a decision that significantly affects you.",
    "Your messages to the assistant are processed by a third-party AI provider to produce replies.",
    "We may analyse your prompts to develop new features and improve the quality of our AI-powered services.",
    "Data you submit through the API is not used to train our models unless you opt in.",
    "Gemini may keep your chats for up to 72 hours to provide the service and process feedback.",
    "Conversations with Claude may be reviewed by trained staff to improve our models.",
]

NOT_AI_SENTENCES = [
    "Do not post AI-generated images of real people without their consent.",
    "An authorized agent may submit a request on your behalf to delete your information.",
    "Product photos created with AI tools must be labelled as such.",
    "Learn more in our [help centre](https://help.example.com/privacy?utm_source=chatgpt.com).",
    "Our customer support agents can help you reset your password.",
    "Models featured in our advertising have agreed to the use of their images.",
    "We may use your information to improve our pricing models and services.",
    "Sellers can use the AI label setting to add labels to product images made with AI.",
    "You can cancel your ChatGPT Plus subscription at any time from your account settings.",
    "Copilot Pro is billed monthly and you can cancel at any time.",
    "Refunds for Gemini Advanced are handled by the app store you paid through.",
]


def _record(sentence: str, inline: bool):
    old = POLICY.format(inline="", paragraph="")
    new = (
        POLICY.format(inline=" " + sentence, paragraph="")
        if inline
        else POLICY.format(inline="", paragraph="\n" + sentence + "\n")
    )
    return compare_texts(old, new)


@pytest.mark.parametrize("inline", [False, True], ids=["own-paragraph", "inside-paragraph"])
@pytest.mark.parametrize("sentence", AI_SENTENCES)
def test_ai_policy_sentence_is_material_and_named_ai_training(sentence: str, inline: bool) -> None:
    record = _record(sentence, inline)
    assert record.material, record.headline
    assert "ai_training" in record.categories, record.categories


@pytest.mark.parametrize("sentence", NOT_AI_SENTENCES)
def test_other_sentences_are_not_named_ai_training(sentence: str) -> None:
    record = _record(sentence, False)
    assert "ai_training" not in record.categories, record.categories


REWORDED = [
    (
        "We do not use your conversations to train our models.",
        "We may use your conversations to train our models unless you opt out.",
    ),
    (
        "Chats you delete are removed from our AI systems within 30 days.",
        "Chats you delete are removed from our AI systems within 18 months.",
    ),
    (
        "The assistant can suggest replies for you to send.",
        "The assistant can send replies on your behalf without asking you first.",
    ),
]


@pytest.mark.parametrize(("old", "new"), REWORDED)
def test_reworded_ai_sentence_is_named_ai_training(old: str, new: str) -> None:
    record = compare_texts(
        POLICY.format(inline=" " + old, paragraph=""), POLICY.format(inline=" " + new, paragraph="")
    )
    assert record.material
    assert "ai_training" in record.categories, record.categories
