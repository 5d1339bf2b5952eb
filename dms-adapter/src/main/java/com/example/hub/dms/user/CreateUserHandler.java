package com.example.hub.dms.user;

import com.example.hub.dms.inbound.RequestHandler;
import com.example.hub.messaging.envelope.PayloadMapper;
import java.util.Map;
import org.springframework.stereotype.Component;

/** {@code create_user}: creates the user in the DMS, or finds the one created before, and answers {@code user_created}. */
@Component
class CreateUserHandler implements RequestHandler {

    static final String MESSAGE_TYPE = "create_user";

    static final String RESPONSE_TYPE = "user_created";

    private final DmsUsers users;

    private final PayloadMapper payloadMapper;

    CreateUserHandler(DmsUsers users, PayloadMapper payloadMapper) {
        this.users = users;
        this.payloadMapper = payloadMapper;
    }

    @Override
    public String messageType() {
        return MESSAGE_TYPE;
    }

    @Override
    public Reply handle(Map<String, Object> payload) {
        CreateUserRequest request = this.payloadMapper.read(payload, CreateUserRequest.class);
        DmsUsers.Registration registration = this.users.create(request.userId(), request.name(), request.email());
        String outcome = (registration.created() ? "created " : "already existed as ")
                + registration.user().dmsUserId();
        return new Reply(RESPONSE_TYPE, UserCreated.of(registration), outcome);
    }
}
