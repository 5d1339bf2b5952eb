package com.example.hub.soindi.product;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** SOINDI holds no product with the id asked for: a 404 with a problem body. */
class ProductNotFoundException extends ErrorResponseException {

    ProductNotFoundException(String productId) {
        super(HttpStatus.NOT_FOUND, problem(productId), null);
    }

    private static ProblemDetail problem(String productId) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "SOINDI holds no product '" + productId + "'");
        problem.setTitle("Product not found");
        problem.setProperty("productId", productId);
        return problem;
    }
}
