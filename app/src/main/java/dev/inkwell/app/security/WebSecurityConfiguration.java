package dev.inkwell.app.security;

import java.net.InetAddress;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The service's own safety rules: a bearer token for writes, a body size limit, and no listening
 * beyond this machine without a token.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class WebSecurityConfiguration {

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(@Value("${inkwell.web.max-body-size:10MB}") DataSize max) {
    FilterRegistrationBean<BodySizeLimitFilter> bean = new FilterRegistrationBean<>(new BodySizeLimitFilter(max));
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return bean;
  }

  @Bean
  FilterRegistrationBean<BearerTokenFilter> bearerToken(SecurityProperties security,
      @Value("${server.address:}") String address) throws Exception {
    if (!security.tokenConfigured() && !loopback(address)) {
      throw new IllegalStateException("server.address is '" + (address.isBlank() ? "0.0.0.0 (all interfaces)" : address)
          + "' but no inkwell.security.token is set: refusing to serve the API beyond this machine without one");
    }
    FilterRegistrationBean<BearerTokenFilter> bean = new FilterRegistrationBean<>(new BearerTokenFilter(security));
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return bean;
  }

  static boolean loopback(String address) throws Exception {
    return !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
  }
}
