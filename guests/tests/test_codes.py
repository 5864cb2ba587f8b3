from guests import codes


def test_new_codes_are_genuine_and_long_enough():
    token, short = codes.new_token(), codes.new_short_code()

    assert (len(token), codes.token_is_genuine(token)) == (32, True)
    assert (len(short), codes.short_code_is_genuine(short)) == (10, True)
    # 26 random characters of 32 symbols: 130 bits.
    assert codes.TOKEN_RANDOM * 5 >= 128


def test_a_code_with_one_character_changed_is_forged():
    short = codes.new_short_code()
    wrong = short[:-1] + ("0" if short[-1] != "0" else "1")

    assert codes.short_code_is_genuine(wrong) is False


def test_typed_codes_tolerate_case_dashes_persian_digits_and_confusable_letters():
    short = codes.new_short_code()
    typed = codes.display_short_code(short).lower().replace("0", "o").replace("1", "۱")

    assert codes.canonical(typed) == short
    assert codes.short_code_is_genuine(typed) is True


def test_signatures_follow_the_secret_key(settings):
    short = codes.new_short_code()
    settings.SECRET_KEY = "another-secret-key-for-the-test-" * 2

    assert codes.short_code_is_genuine(short) is False
