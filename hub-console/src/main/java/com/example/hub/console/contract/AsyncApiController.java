package com.example.hub.console.contract;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code /asyncapi.json}: the AsyncAPI document that the build copies to {@code static/asyncapi.yaml}, read once and
 * answered as JSON, for the page {@code /asyncapi.html} (a browser reads JSON without a library, not YAML).
 */
@RestController
class AsyncApiController {

    private final JsonNode document;

    AsyncApiController() throws IOException {
        try (InputStream yaml = new ClassPathResource("static/asyncapi.yaml").getInputStream()) {
            this.document = YAMLMapper.builder().build().readTree(yaml);
        }
    }

    @GetMapping(path = "/asyncapi.json", produces = "application/json")
    JsonNode document() {
        return this.document;
    }
}
