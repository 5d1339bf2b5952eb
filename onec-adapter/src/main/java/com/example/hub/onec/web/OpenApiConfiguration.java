package com.example.hub.onec.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of 1C's API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}, both for a reader's
 * key): what the endpoints take and answer, with the API key every call needs.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI onecOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("1C adapter of the integration hub")
                        .version(properties != null ? properties.getVersion() : "dev")
                        .description("1C posts its requests to DMS and CRM here; each is answered 202 once the broker"
                                + " has it, and its outcome shows in the journal (/requests/{request_id}). Errors are"
                                + " RFC 9457 problem bodies (application/problem+json)."))
                .components(new Components()
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description("1C's key (HUB_API_KEYS_1C) sends and reads; a reader's reads")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY));
    }
}
