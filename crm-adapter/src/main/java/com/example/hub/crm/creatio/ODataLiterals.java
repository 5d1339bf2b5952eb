package com.example.hub.crm.creatio;

/** OData 4's literals, as Creatio's {@code $filter} reads them. */
final class ODataLiterals {

    private ODataLiterals() {}

    /** A string literal: in single quotes, a quote inside doubled ({@code 'O''Brien'}). */
    static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** {@code <column> eq '<value>'}. */
    static String eq(String column, String value) {
        return column + " eq " + string(value);
    }
}
