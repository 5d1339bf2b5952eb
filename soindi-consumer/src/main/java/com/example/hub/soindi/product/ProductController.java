package com.example.hub.soindi.product;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What SOINDI holds: {@code GET /products} and {@code GET /products/{productId}}. */
@RestController
@RequestMapping("/products")
class ProductController {

    private final ProductStore store;

    ProductController(ProductStore store) {
        this.store = store;
    }

    @GetMapping
    List<Product> products() {
        return this.store.findAll();
    }

    @GetMapping("/{productId}")
    Product product(@PathVariable String productId) {
        return this.store.find(productId).orElseThrow(() -> new ProductNotFoundException(productId));
    }
}
