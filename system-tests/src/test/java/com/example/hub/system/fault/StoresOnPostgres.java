package com.example.hub.system.fault;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a fault test class: the 1C journal, the DMS's users and SOINDI's store live on a PostgreSQL server of the
 * suite's rather than in their H2 files.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface StoresOnPostgres {}
