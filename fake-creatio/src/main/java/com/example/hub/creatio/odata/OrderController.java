package com.example.hub.creatio.odata;

import com.example.hub.creatio.CreatioPaths;
import com.example.hub.creatio.FakeCreatioProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Creatio's OData 4 {@code Order} entity set: read one or all, and PATCH fields. */
@RestController
@RequestMapping(CreatioPaths.ODATA)
class OrderController {

    private static final String ENTITY_SET = "Order";
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {};

    private final Orders orders;
    private final FakeCreatioProperties properties;
    private final JsonMapper jsonMapper;

    OrderController(Orders orders, FakeCreatioProperties properties, JsonMapper jsonMapper) {
        this.orders = orders;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
    }

    @GetMapping("/{segment}")
    ResponseEntity<Map<String, Object>> get(@PathVariable String segment, HttpServletRequest request) {
        ODataResource resource = orderResource(segment);
        Map<String, Object> body = new LinkedHashMap<>();
        if (!resource.isEntity()) {
            body.put("@odata.context", metadata(request) + "#Order");
            body.put("value", orders.all().stream().map(StoredOrder::toEntity).toList());
            return odata(HttpStatus.OK).body(body);
        }
        StoredOrder order = orders.find(resource.key()).orElseThrow(() -> noOrder(resource.key()));
        body.put("@odata.context", metadata(request) + "#Order/$entity");
        body.putAll(order.toEntity());
        return odata(HttpStatus.OK).body(body);
    }

    @PatchMapping(path = "/{segment}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> patch(@PathVariable String segment, @RequestBody(required = false) String body) {
        ODataResource resource = orderResource(segment);
        if (!resource.isEntity()) {
            throw new ODataException(
                    HttpStatus.METHOD_NOT_ALLOWED, "The requested resource does not support http method 'PATCH'.");
        }
        Map<String, Object> fields = fields(resource.key(), body);
        if (properties.strictOrders()) {
            orders.update(resource.key(), fields).orElseThrow(() -> noOrder(resource.key()));
        } else {
            orders.upsert(resource.key(), fields);
        }
        return odata(HttpStatus.NO_CONTENT).build();
    }

    private static ODataResource orderResource(String segment) {
        ODataResource resource = ODataResource.parse(segment);
        if (!ENTITY_SET.equals(resource.entitySet())) {
            throw ODataResource.notFound(resource.entitySet());
        }
        return resource;
    }

    private Map<String, Object> fields(String key, String body) {
        if (body == null || body.isBlank()) {
            throw new ODataException(HttpStatus.BAD_REQUEST, "The request body is empty; a JSON object is expected.");
        }
        LinkedHashMap<String, Object> fields;
        try {
            fields = jsonMapper.readValue(body, FIELDS);
        } catch (JacksonException e) {
            throw new ODataException(
                    HttpStatus.BAD_REQUEST, "The request body is not a valid JSON object: " + e.getOriginalMessage());
        }
        Object id = fields.remove("Id");
        if (id != null && !key.equals(id)) {
            throw new ODataException(HttpStatus.BAD_REQUEST, "The key property 'Id' cannot be changed.");
        }
        fields.remove("CreatedOn");
        fields.remove("ModifiedOn");
        fields.keySet().removeIf(name -> name.startsWith("@odata."));
        if (fields.containsKey("Status") && !isLookup(fields.get("Status"))) {
            throw new ODataException(
                    HttpStatus.BAD_REQUEST, "The property 'Status' must be an object such as {\"Name\":\"Shipped\"}.");
        }
        return fields;
    }

    private static boolean isLookup(Object value) {
        return value instanceof Map<?, ?> lookup && lookup.get("Name") instanceof String;
    }

    private static ODataException noOrder(String key) {
        return new ODataException(HttpStatus.NOT_FOUND, "No Order with the key '" + key + "' was found.");
    }

    private static String metadata(HttpServletRequest request) {
        String base = request.getRequestURL().toString();
        return base.substring(0, base.indexOf(CreatioPaths.ODATA) + CreatioPaths.ODATA.length()) + "/$metadata";
    }

    private static ResponseEntity.BodyBuilder odata(HttpStatus status) {
        return ResponseEntity.status(status).header("OData-Version", "4.0");
    }
}
