package com.example.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** A key is kept as its SHA-256, configured either plain or in its {@code sha256:} form. */
class ApiKeyHashTests {

    @Test
    void hashesAPlainKeyAsSha256OfItsUtf8Bytes() {
        // sha256("abc"), the test vector of FIPS 180-2
        assertThat(ApiKeyHash.of("abc"))
                .hasToString("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void readsTheHashedForm() {
        ApiKeyHash hashed = ApiKeyHash.of("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hashed.matches(ApiKeyHash.ofPlain("abc"))).isTrue();
        assertThat(hashed.matches(ApiKeyHash.ofPlain("abd"))).isFalse();
    }

    @Test
    void refusesAHashedFormThatIsNotSixtyFourLowercaseHexDigits() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> ApiKeyHash.of("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyHash.of("sha256:ba7816bf"));
    }
}
