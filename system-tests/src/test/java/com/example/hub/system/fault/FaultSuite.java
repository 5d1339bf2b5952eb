package com.example.hub.system.fault;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class of the fault suite: its scenarios run in their {@code @Order}, on a {@link FaultEnvironment} of the
 * class's own that they take as a parameter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FaultEnvironments.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@interface FaultSuite {}
