package com.example.hub.onec.journal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The journal's settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JournalProperties.class)
class JournalConfiguration {}
