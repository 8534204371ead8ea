import pytest

from home.formatting import number_format
from supporters.identity import email_canonical, name_key


@pytest.mark.parametrize(
    ("email", "canonical"),
    [
        ("Ali@Example.COM", "ali@example.com"),
        ("ali+petition@example.com", "ali@example.com"),
        ("a.l.i@example.com", "a.l.i@example.com"),
        ("A.L.I+x@GMAIL.com", "ali@gmail.com"),
        ("ali@googlemail.com", "ali@gmail.com"),
        ("  ali@example.com.  ", "ali@example.com"),
        ("ali@bücher.example", "ali@xn--bcher-kva.example"),
    ],
)
def test_email_canonical_folds_what_reaches_the_same_inbox(email, canonical):
    assert email_canonical(email) == canonical


def test_different_urdu_names_keep_different_keys():
    keys = {name_key(name) for name in ("علی رضا", "فاطمہ بی بی", "حسن علی", "زہرا")}

    assert len(keys) == 4
    assert "" not in keys


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("علی اکبر", "علي اكبر"),  # Arabic keyboard yeh and kaf
        ("علی اکبر", "ﻋﻠﯽ اکبر"),  # presentation forms
        ("محمد  حسین", "محمـد حسین"),  # spacing and tatweel
        ("ALI Hazara", "ali hazara"),
        ("Straße", "STRASSE"),
    ],
)
def test_the_same_name_written_differently_has_one_key(first, second):
    assert name_key(first) == name_key(second)


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "12,345,678"), ("ur", "12,345,678"), ("haz", "۱۲٬۳۴۵٬۶۷۸")],
)
def test_numbers_are_written_the_languages_way(language, shown):
    assert number_format(12345678, language=language) == shown
