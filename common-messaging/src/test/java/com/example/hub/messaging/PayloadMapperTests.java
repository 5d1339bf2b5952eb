package com.example.hub.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.example.hub.messaging.envelope.PayloadMapper;
import com.example.hub.messaging.failure.FailureClassifier;
import com.example.hub.messaging.failure.PermanentMessageException;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

class PayloadMapperTests {

    private PayloadMapper mapper;

    @BeforeEach
    void createMapper() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        this.mapper = new PayloadMapper(new JsonMapper(), validator);
    }

    @Test
    void readsAndWritesSnakeCasePayloads() {
        NewUser user = this.mapper.read(Map.of("user_id", "U1", "email", "u1@example.com", "extra", 1), NewUser.class);

        assertThat(user).isEqualTo(new NewUser("U1", "u1@example.com"));
        assertThat(this.mapper.write(user)).isEqualTo(Map.of("user_id", "U1", "email", "u1@example.com"));
    }

    @Test
    void anInvalidPayloadIsAPermanentFailureThatNamesEachBadFieldAsSent() {
        assertThatExceptionOfType(PermanentMessageException.class)
                .isThrownBy(() -> this.mapper.read(Map.of("email", "not-an-email"), NewUser.class))
                .withMessage("Invalid NewUser: email must be a well-formed email address, user_id must not be blank")
                .satisfies(ex -> assertThat(FailureClassifier.isPermanent(ex)).isTrue());
    }

    @Test
    void aPayloadOfTheWrongShapeIsAPermanentFailure() {
        assertThatExceptionOfType(PermanentMessageException.class)
                .isThrownBy(() -> this.mapper.read(Map.of("user_id", Map.of("nested", true)), NewUser.class))
                .withMessageStartingWith("The payload is not a valid NewUser");
        assertThatExceptionOfType(PermanentMessageException.class)
                .isThrownBy(() -> this.mapper.read(null, NewUser.class));
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NewUser(@NotBlank String userId, @Email String email) {}
}
