package com.example.hub.creatio.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /ServiceModel/AuthService.svc/Login}. */
record LoginRequest(
        @JsonProperty("UserName") String userName,
        @JsonProperty("UserPassword") String userPassword) {}
