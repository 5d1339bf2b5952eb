package com.example.hub.onec.web;

import com.example.hub.onec.OnecProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The adapter's Spring MVC set-up.
 *
 * <p>Requests to {@code /send_to_*} pass the {@link SendLimitInterceptor}: no more than
 * {@code onec.max-concurrent-sends} are worked on at once.
 *
 * <p>Request bodies are read without coercing JSON types: a number or a boolean where a string belongs, or a string
 * where a boolean belongs ({@code "needs_policy_info": "yes"}, even {@code "true"}), is a 400 naming the field.
 * Only the adapter's HTTP requests are read so strictly; messages from the broker keep Boot's lenient reading.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final SendLimitInterceptor sendLimit;

    private final JsonMapper strictMapper;

    WebConfiguration(OnecProperties properties, JsonMapper jsonMapper) {
        this.sendLimit = new SendLimitInterceptor(properties.maxConcurrentSends());
        this.strictMapper = jsonMapper
                .rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this.sendLimit).addPathPatterns("/send_to_*");
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        builder.withJsonConverter(new JacksonJsonHttpMessageConverter(this.strictMapper));
    }
}
