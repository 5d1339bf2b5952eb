package com.example.hub.onec.journal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The journal's settings, and the scheduling of its retention ({@link ResponsesRetention}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalProperties.class)
@EnableScheduling
class JournalConfiguration {}
