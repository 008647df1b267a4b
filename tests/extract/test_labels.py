import pytest

from pipeline.extract.labels import THRESHOLD, best_match, normalise, similarity
from pipeline.extract.templates import labels

OUTCOMES = labels("requests", "outcome")
DENIED = {code: names for code, names in OUTCOMES.items() if code.startswith("denied.")}


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("1.属于国家秘密", "属于国家秘密"),
        ("1、属于国家秘密", "属于国家秘密"),
        ("（1）属于国家秘密", "属于国家秘密"),
        ("１．属于国家秘密", "属于国家秘密"),  # full-width numbering
        ("三 、本 年 度办 理 结果", "本年度办理结果"),  # spaces in a vertical header
        ("三\n、\n本\n年", "本年"),
        ("（三）不予公\n开", "不予公开"),
        ("3.危及“三安全一稳定”", "危及三安全一稳定"),
        ('3.危及"三安全一稳定"', "危及三安全一稳定"),
        ("总 计", "总计"),
    ],
)
def test_normalise(published, expected):
    assert normalise(published) == expected


@pytest.mark.parametrize(
    ("published", "code"),
    [
        ("2.其他法律行政止公开", "denied.prohibited_by_law"),  # characters missing
        ("5.属于三类内部事物信息", "denied.internal_affairs"),  # a wrong character
        ("6.属于四类过程性", "denied.process_information"),  # the rest of the label on the next page
        ("1.属于国家秘密", "denied.state_secret"),
    ],
)
def test_small_typos_match_with_a_score_below_100(published, code):
    match = best_match(published, DENIED)
    assert match is not None and match.key == code
    assert THRESHOLD <= match.score <= 100


def test_an_omitted_explanation_in_parentheses_still_matches():
    assert best_match("（二）部分公开", OUTCOMES).key == "partially_granted"
    assert (
        similarity("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）", OUTCOMES["partially_granted"][0])
        == 100
    )


@pytest.mark.parametrize("published", ["9.其他原因", "信息", "本列数据的勾稽关系", "其他处理情况说明"])
def test_a_different_label_does_not_match(published):
    assert best_match(published, DENIED) is None


def test_numbering_alone_does_not_decide():
    # "1." rows exist in several groups: without the group, the text decides.
    assert best_match("1.重复申请", OUTCOMES).key == "not_processed.duplicate"
    assert best_match("1.", OUTCOMES) is None


def test_aliases_publishers_use():
    assert best_match("合计", labels("requests", "applicant")).key == "total"
    assert best_match("合 计", labels("review", "result")).key == "total"
