package com.example.hub.creatio.control;

record ControlError(String error) {}
