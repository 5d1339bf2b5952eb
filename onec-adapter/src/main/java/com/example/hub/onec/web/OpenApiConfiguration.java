package com.example.hub.onec.web;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.providers.ObjectMapperProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

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

    /**
     * The schemas' property names as the API writes them. springdoc (through swagger-core) reads the types with
     * Jackson 2, which does not see Jackson 3's {@link JsonNaming} on the views ({@code RequestView}, ...), and would
     * show their properties in camelCase; this resolver, which springdoc puts in place of its own, reads them with a
     * copy of springdoc's mapper that takes Jackson 3's naming of a type as Jackson 2's.
     */
    @Bean
    ModelResolver jackson3NamingModelResolver(ObjectMapperProvider mappers) {
        ObjectMapper mapper = mappers.jsonMapper().copy();
        mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(
                new Jackson3Naming(), mapper.getSerializationConfig().getAnnotationIntrospector()));
        return new ModelResolver(mapper).openapi31(mappers.isOpenapi31());
    }

    /**
     * Jackson 3's {@link JsonNaming} of a type as Jackson 2's: snake_case, the naming of the hub's JSON, the one the
     * views have.
     */
    private static final class Jackson3Naming extends NopAnnotationIntrospector {

        @Override
        public @Nullable Object findNamingStrategy(AnnotatedClass type) {
            JsonNaming naming = type.getAnnotation(JsonNaming.class);
            return naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class
                    ? com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class
                    : null;
        }

        @Override
        public Version version() {
            return Version.unknownVersion();
        }
    }
}
