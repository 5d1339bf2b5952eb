package com.example.hub.creatio.odata;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * A parsed {@code $filter}: comparisons {@code Property eq literal} and {@code Property ne literal} joined by {@code
 * and}, {@code or} and parentheses. Literals: strings in single quotes (a quote inside doubled, {@code 'O''Brien'}),
 * GUIDs without quotes, numbers, {@code null}, {@code true}, {@code false}. A literal must suit its property's type
 * (a string for {@code Edm.String}, a GUID for {@code Edm.Guid}, a number for {@code Edm.Decimal}); string comparison
 * is exact. Other operators and functions answer 400.
 */
sealed interface Filter {

    boolean test(Map<String, Object> entity);

    /**
     * The string this filter requires the property to equal, when the filter is a chain of {@code and} with {@code
     * property eq 'value'} in it.
     */
    default Optional<String> requiredString(String property) {
        return Optional.empty();
    }

    static Filter parse(String text, EntityType type) {
        return new Parser(text, type).parseAll();
    }

    record Comparison(String property, boolean equal, Object literal) implements Filter {

        @Override
        public boolean test(Map<String, Object> entity) {
            return equal == matches(entity.get(property));
        }

        private boolean matches(Object value) {
            if (literal == null || value == null) {
                return literal == value;
            }
            if (literal instanceof BigDecimal number) {
                return new BigDecimal(value.toString()).compareTo(number) == 0;
            }
            if (literal instanceof UUID guid) {
                return guid.toString().equalsIgnoreCase(value.toString());
            }
            return literal.equals(value);
        }

        @Override
        public Optional<String> requiredString(String name) {
            return equal && property.equals(name) && literal instanceof String value
                    ? Optional.of(value)
                    : Optional.empty();
        }
    }

    record And(Filter left, Filter right) implements Filter {

        @Override
        public boolean test(Map<String, Object> entity) {
            return left.test(entity) && right.test(entity);
        }

        @Override
        public Optional<String> requiredString(String name) {
            return left.requiredString(name).or(() -> right.requiredString(name));
        }
    }

    record Or(Filter left, Filter right) implements Filter {

        @Override
        public boolean test(Map<String, Object> entity) {
            return left.test(entity) || right.test(entity);
        }
    }

    /** A recursive-descent parser of the fake's part of OData's {@code $filter} grammar. */
    final class Parser {

        private static final Pattern GUID =
                Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
        private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
        private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        private final String text;
        private final EntityType type;
        private final List<Token> tokens = new ArrayList<>();
        private int next;

        Parser(String text, EntityType type) {
            this.text = text;
            this.type = type;
            tokenize();
        }

        Filter parseAll() {
            if (tokens.isEmpty()) {
                throw error("The $filter is empty");
            }
            Filter filter = or();
            if (next < tokens.size()) {
                throw error("Syntax error at position " + tokens.get(next).position());
            }
            return filter;
        }

        private Filter or() {
            Filter filter = and();
            while (keyword("or")) {
                filter = new Or(filter, and());
            }
            return filter;
        }

        private Filter and() {
            Filter filter = primary();
            while (keyword("and")) {
                filter = new And(filter, primary());
            }
            return filter;
        }

        private Filter primary() {
            Token token = take("a comparison");
            if (token.text().equals("(")) {
                Filter inner = or();
                if (!take("')'").text().equals(")")) {
                    throw error("Syntax error: ')' expected");
                }
                return inner;
            }
            String navigation = token.text().split("/", 2)[0];
            if (!token.quoted() && type.navigations().containsKey(navigation)) {
                throw error("Filtering on the navigation property '" + navigation
                        + "' is not supported by fake-creatio; filter on its id column '"
                        + type.navigations().get(navigation).idProperty() + "'");
            }
            if (token.quoted() || !IDENTIFIER.matcher(token.text()).matches()) {
                throw error("Syntax error at position " + token.position() + ": a property name expected");
            }
            EntityType.Property property = type.property(token.text()).orElseThrow(() -> couldNotFind(token.text()));
            Token operator = take("an operator");
            boolean equal;
            if (operator.is("eq")) {
                equal = true;
            } else if (operator.is("ne")) {
                equal = false;
            } else {
                throw error(
                        "The operator '" + operator.text() + "' is not supported by fake-creatio (eq, ne, and, or)");
            }
            return new Comparison(property.name(), equal, literal(property, take("a literal")));
        }

        private Object literal(EntityType.Property property, Token token) {
            if (!token.quoted() && token.is("null")) {
                return null;
            }
            String edmType = property.edmType();
            Object value;
            String kind;
            if (token.quoted()) {
                value = token.text();
                kind = "Edm.String";
            } else if (GUID.matcher(token.text()).matches()) {
                value = UUID.fromString(token.text());
                kind = "Edm.Guid";
            } else if (NUMBER.matcher(token.text()).matches()) {
                value = new BigDecimal(token.text());
                kind = "Edm.Decimal";
            } else {
                throw error(
                        "Syntax error at position " + token.position() + ": '" + token.text() + "' is not a literal");
            }
            if (!kind.equals(edmType)) {
                throw error("A binary operator with incompatible types was detected. Found operand types '" + edmType
                        + "' and '" + kind + "' for operator kind 'Equal'");
            }
            return value;
        }

        private boolean keyword(String word) {
            if (next < tokens.size() && tokens.get(next).is(word)) {
                next++;
                return true;
            }
            return false;
        }

        private Token take(String expected) {
            if (next >= tokens.size()) {
                throw error("Syntax error: " + expected + " expected at the end");
            }
            return tokens.get(next++);
        }

        private void tokenize() {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '(' || c == ')') {
                    tokens.add(new Token(String.valueOf(c), false, i));
                    i++;
                } else if (c == '\'') {
                    StringBuilder value = new StringBuilder();
                    int start = i++;
                    while (true) {
                        if (i >= text.length()) {
                            throw error("Unterminated string literal at position " + start);
                        }
                        char d = text.charAt(i++);
                        if (d == '\'') {
                            if (i < text.length() && text.charAt(i) == '\'') {
                                value.append('\'');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            value.append(d);
                        }
                    }
                    tokens.add(new Token(value.toString(), true, start));
                } else {
                    int start = i;
                    while (i < text.length()
                            && !Character.isWhitespace(text.charAt(i))
                            && "()'".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                    tokens.add(new Token(text.substring(start, i), false, start));
                }
            }
        }

        private ODataException couldNotFind(String name) {
            return error("Could not find a property named '" + name + "' on type '" + type.qualifiedName() + "'");
        }

        private ODataException error(String message) {
            return new ODataException(
                    HttpStatus.BAD_REQUEST, "The query specified in the URI is not valid. " + message + ".");
        }

        private record Token(String text, boolean quoted, int position) {

            boolean is(String word) {
                return !quoted && text.equals(word);
            }
        }
    }
}
