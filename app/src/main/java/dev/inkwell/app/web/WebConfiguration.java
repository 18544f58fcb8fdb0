package dev.inkwell.app.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import dev.inkwell.query.Paging;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Paging.class)
class WebConfiguration {
}
