package com.example.hub.creatio.odata;

/** Creatio's OData 4 error body: {@code {"error":{"code":"","message":"..."}}}. */
public record ODataError(Detail error) {

    public record Detail(String code, String message) {}

    public static ODataError of(String message) {
        return new ODataError(new Detail("", message));
    }
}
