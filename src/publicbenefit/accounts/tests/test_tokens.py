"""The secrets in emailed links and the hashes stored in their place."""

from publicbenefit.accounts.tokens import token_hash, token_new


def test_tokens_are_long_url_safe_and_different_each_time():
    tokens = {token_new() for _ in range(100)}

    assert len(tokens) == 100
    assert all(len(token) >= 43 for token in tokens)  # 32 bytes in URL-safe base64
    assert all(token.replace("-", "").replace("_", "").isalnum() for token in tokens)


def test_the_hash_is_fixed_length_and_does_not_contain_the_token():
    token = token_new()

    hashed = token_hash(token)

    assert hashed == token_hash(token)
    assert len(hashed) == 64
    assert token not in hashed
    assert token_hash(token + "x") != hashed
