package com.example.hub.dms.user;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Shows the users of the simulated DMS, for demos. */
@RestController
class UserController {

    private final DmsUsers users;

    UserController(DmsUsers users) {
        this.users = users;
    }

    @GetMapping("/users/{userId}")
    DmsUser user(@PathVariable String userId) {
        return this.users.find(userId).orElseThrow(() -> new UserNotFoundException(userId));
    }
}
