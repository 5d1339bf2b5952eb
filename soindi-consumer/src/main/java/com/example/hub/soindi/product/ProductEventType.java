package com.example.hub.soindi.product;

/** What happened to a product in Odoo. */
public enum ProductEventType {
    PRODUCT_CREATED,
    PRODUCT_UPDATED,
    PRODUCT_DELETED
}
