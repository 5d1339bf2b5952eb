package com.example.hub.creatio.faults;

/** The kinds of Creatio calls that test controls count, delay and fail. */
public enum CallKind {
    LOGIN,
    ODATA
}
