package com.example.hub.creatio.odata;

import com.example.hub.creatio.CreatioPaths;
import com.example.hub.creatio.FakeCreatioProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Creatio's OData 4 service as far as the hub uses it: the entity sets {@code Order} and {@code OrderStatus} (read
 * with {@code $filter}, {@code $select}, {@code $top}; one entity by its GUID), {@code PATCH} of an order, and
 * {@code $metadata}.
 */
@RestController
@RequestMapping(CreatioPaths.ODATA)
class ODataController {

    static final MediaType ODATA_JSON = MediaType.parseMediaType("application/json;odata.metadata=minimal");

    private final ODataModel model;
    private final Orders orders;
    private final OrderStatuses statuses;
    private final OrderChanges changes;
    private final MetadataDocument metadata;
    private final FakeCreatioProperties properties;

    ODataController(
            ODataModel model,
            Orders orders,
            OrderStatuses statuses,
            OrderChanges changes,
            MetadataDocument metadata,
            FakeCreatioProperties properties) {
        this.model = model;
        this.orders = orders;
        this.statuses = statuses;
        this.changes = changes;
        this.metadata = metadata;
        this.properties = properties;
    }

    @GetMapping("/$metadata")
    ResponseEntity<String> metadata() {
        return ResponseEntity.ok()
                .header("OData-Version", "4.0")
                .contentType(MediaType.APPLICATION_XML)
                .body(metadata.xml());
    }

    @GetMapping("/{segment}")
    ResponseEntity<Map<String, Object>> get(@PathVariable String segment, HttpServletRequest request) {
        ODataResource resource = ODataResource.parse(segment);
        EntityType type =
                model.entitySet(resource.entitySet()).orElseThrow(() -> ODataResource.notFound(resource.entitySet()));
        QueryOptions query = QueryOptions.of(request.getParameterMap(), type);
        Map<String, Object> body = new LinkedHashMap<>();
        if (resource.isEntity()) {
            Map<String, Object> entity = find(type, resource.key()).orElseThrow(() -> notFound(type, resource.key()));
            body.put("@odata.context", metadataUrl(request) + "#" + query.context(type) + "/$entity");
            body.putAll(query.project(entity));
            return odata(HttpStatus.OK).body(body);
        }
        Optional<String> number = type == model.order() && query.filter() != null
                ? query.filter().requiredString("Number")
                : Optional.empty();
        List<Map<String, Object>> rows = query.apply(rows(type, number));
        if (rows.isEmpty() && number.isPresent() && !properties.strictOrders()) {
            orders.withNumberCreatingIt(number.get());
            rows = query.apply(rows(type, number));
        }
        body.put("@odata.context", metadataUrl(request) + "#" + query.context(type));
        body.put("value", rows.stream().map(query::project).toList());
        return odata(HttpStatus.OK).body(body);
    }

    @PatchMapping(path = "/{segment}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> patch(@PathVariable String segment, @RequestBody(required = false) String body) {
        ODataResource resource = ODataResource.parse(segment);
        EntityType type =
                model.entitySet(resource.entitySet()).orElseThrow(() -> ODataResource.notFound(resource.entitySet()));
        if (type != model.order() || !resource.isEntity()) {
            throw new ODataException(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    "The requested resource does not support http method 'PATCH'"
                            + (resource.isEntity() ? " (fake-creatio changes orders only)." : "."));
        }
        Map<String, Object> columns = changes.columns(changes.read(body), resource.key());
        orders.update(resource.key(), columns).orElseThrow(() -> notFound(type, resource.key()));
        return ResponseEntity.noContent().header("OData-Version", "4.0").build();
    }

    /** The rows of the set; of orders, only those of the number when the filter requires one. */
    private List<Map<String, Object>> rows(EntityType type, Optional<String> number) {
        if (type == model.order()) {
            return number.map(orders::withNumber).orElseGet(orders::all).stream()
                    .map(order -> order.toEntity(type))
                    .toList();
        }
        return statuses.all().stream().map(OrderStatuses.OrderStatus::toEntity).toList();
    }

    private Optional<Map<String, Object>> find(EntityType type, UUID key) {
        if (type == model.order()) {
            return orders.find(key).map(order -> order.toEntity(type));
        }
        return statuses.find(key).map(OrderStatuses.OrderStatus::toEntity);
    }

    private static ODataException notFound(EntityType type, UUID key) {
        return new ODataException(HttpStatus.NOT_FOUND, "No " + type.name() + " with the key '" + key + "' was found.");
    }

    private static String metadataUrl(HttpServletRequest request) {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.indexOf(CreatioPaths.ODATA) + CreatioPaths.ODATA.length()) + "/$metadata";
    }

    private static ResponseEntity.BodyBuilder odata(HttpStatus status) {
        return ResponseEntity.status(status).header("OData-Version", "4.0").contentType(ODATA_JSON);
    }
}
