package com.example.hub.creatio.odata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The query options of a GET that the fake supports: {@code $filter} (see {@link Filter}), {@code $select} (a comma
 * list of properties of the type) and {@code $top} (0 or more). Any other {@code $} option answers 400.
 *
 * @param filter the filter, or {@code null} for every row
 * @param select the properties to answer, or {@code null} for all
 * @param top at most this many rows, or {@code null} for all
 */
record QueryOptions(Filter filter, List<String> select, Integer top) {

    static QueryOptions of(Map<String, String[]> parameters, EntityType type) {
        Filter filter = null;
        List<String> select = null;
        Integer top = null;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue()[0];
            switch (name) {
                case "$filter" -> filter = Filter.parse(value, type);
                case "$select" -> select = select(value, type);
                case "$top" -> top = top(value);
                default -> {
                    if (name.startsWith("$")) {
                        throw invalid("The query option '" + name + "' is not supported by fake-creatio"
                                + " ($filter, $select, $top are)");
                    }
                }
            }
        }
        return new QueryOptions(filter, select, top);
    }

    private static List<String> select(String value, EntityType type) {
        List<String> names = new ArrayList<>();
        for (String name : Arrays.stream(value.split(",")).map(String::strip).toList()) {
            if (type.property(name).isEmpty()) {
                throw invalid("Could not find a property named '" + name + "' on type '" + type.qualifiedName() + "'");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static Integer top(String value) {
        try {
            int top = Integer.parseInt(value.strip());
            if (top >= 0) {
                return top;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("Invalid value '" + value + "' for $top query option found. The $top query option requires a"
                + " non-negative integer value");
    }

    private static ODataException invalid(String message) {
        return new ODataException(
                HttpStatus.BAD_REQUEST, "The query specified in the URI is not valid. " + message + ".");
    }

    /** The rows that pass the filter, at most {@code $top}; unselected. */
    List<Map<String, Object>> apply(List<Map<String, Object>> rows) {
        return rows.stream()
                .filter(row -> filter == null || filter.test(row))
                .limit(top == null ? Long.MAX_VALUE : top)
                .toList();
    }

    /** The row with only the selected properties, in the order of {@code $select}. */
    Map<String, Object> project(Map<String, Object> row) {
        if (select == null) {
            return row;
        }
        Map<String, Object> projected = new LinkedHashMap<>();
        select.forEach(name -> projected.put(name, row.get(name)));
        return projected;
    }

    /** The part of {@code @odata.context} after {@code $metadata#}, e.g. {@code Order(Id)}. */
    String context(EntityType type) {
        return select == null ? type.name() : type.name() + "(" + String.join(",", select) + ")";
    }
}
