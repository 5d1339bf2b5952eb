package com.example.hub.dms.user;

import com.example.hub.dms.inbound.RequestHandler;
import org.springframework.stereotype.Component;

/** {@code create_user}: creates the user in the DMS, or finds the one created before, and answers {@code user_created}. */
@Component
class CreateUserHandler extends RequestHandler<CreateUserRequest> {

    static final String MESSAGE_TYPE = "create_user";

    static final String RESPONSE_TYPE = "user_created";

    private final DmsUsers users;

    CreateUserHandler(DmsUsers users) {
        super(MESSAGE_TYPE, CreateUserRequest.class);
        this.users = users;
    }

    @Override
    public Reply handle(CreateUserRequest request) {
        DmsUsers.Registration registration = this.users.create(request.userId(), request.name(), request.email());
        String outcome = (registration.created() ? "created " : "already existed as ")
                + registration.user().dmsUserId();
        return new Reply(RESPONSE_TYPE, UserCreated.of(registration), outcome);
    }
}
