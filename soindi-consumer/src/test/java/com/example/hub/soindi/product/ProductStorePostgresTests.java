package com.example.hub.soindi.product;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same on PostgreSQL, the store several SOINDI instances share. */
class ProductStorePostgresTests extends ProductStoreTests {

    private static final TestPostgres DATABASE = TestPostgres.createDatabase("store");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DATABASE::url);
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
    }

    @AfterAll
    static void dropDatabase() {
        DATABASE.close();
    }
}
