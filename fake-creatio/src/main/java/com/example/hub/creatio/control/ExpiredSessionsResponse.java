package com.example.hub.creatio.control;

record ExpiredSessionsResponse(int expiredSessions) {}
