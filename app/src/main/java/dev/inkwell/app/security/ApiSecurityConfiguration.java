package dev.inkwell.app.security;

import java.net.InetAddress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.UrlHandlerFilter;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.util.pattern.PathPatternParser;

import jakarta.servlet.DispatcherType;

/**
 * Who may do what, decided by Spring Security on the path its firewall has checked and its request
 * matchers parse (the same {@link PathPatternParser} Spring MVC routes with). The rules fail closed:
 * any method but GET, HEAD and OPTIONS needs {@code inkwell.write} unless it is a named read, so a
 * path form no rule foresaw is refused rather than let through.
 *
 * <ul>
 *   <li>{@code /actuator/health}: public (its details only with write); the rest of the actuator, {@code info}
 *       included: write.</li>
 *   <li>Reads ({@code GET}/{@code HEAD}, {@code POST /api/{resource}/search}, {@code .../aggregate} and
 *       {@code /api/posts/search/semantic}): open, or
 *       {@code inkwell.read} with {@code inkwell.security.protect-reads}.</li>
 *   <li>Everything else: {@code inkwell.write}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
class ApiSecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

  /** Paths match case-insensitively, for routing and for authorisation alike. */
  static final PathPatternParser PATHS = new PathPatternParser();

  static {
    PATHS.setCaseSensitive(false);
  }

  @Bean
  AuthenticationMode authenticationMode(SecurityProperties security, ObjectProvider<JwtDecoder> jwt,
      @Value("${server.address:}") String address) throws Exception {
    AuthenticationMode mode = jwt.getIfAvailable() != null ? AuthenticationMode.JWT
        : security.tokenConfigured() ? AuthenticationMode.STATIC_TOKEN : AuthenticationMode.NONE;
    if (!mode.authenticates() && !loopback(address)) {
      throw new IllegalStateException("server.address is '" + (address.isBlank() ? "0.0.0.0 (all interfaces)" : address)
          + "' but neither inkwell.security.token nor spring.security.oauth2.resourceserver.jwt.* is set: "
          + "refusing to serve the API beyond this machine without authentication");
    }
    if (mode == AuthenticationMode.JWT && security.tokenConfigured()) {
      log.info("JWT mode: inkwell.security.token is ignored");
    }
    log.info("authentication: {}{}", mode, security.protectReads() ? ", reads protected" : "");
    return mode;
  }

  /** Spring Security's request matchers parse paths as Spring MVC does (see {@link #PATHS}). */
  @Bean
  PathPatternRequestMatcher.Builder requestMatcherBuilder() {
    return PathPatternRequestMatcher.withPathPatternParser(PATHS);
  }

  @Bean
  WebMvcConfigurer sharedPathParser() {
    return new WebMvcConfigurer() {
      @Override
      public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.setPatternParser(PATHS);
      }
    };
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, AuthenticationMode mode, SecurityProperties security,
      ObjectProvider<JwtDecoder> jwt, ObjectProvider<HeaderWriter> headerWriters) throws Exception {
    SecurityProblems problems = new SecurityProblems();
    // Headers of the service's own (a read replica's commit position), written as the response commits.
    http.headers(h -> headerWriters.orderedStream().forEach(h::addHeaderWriter));
    http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    if (!mode.authenticates()) {
      return http.authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }
    AuthorizationManager<RequestAuthorizationContext> reads = security.protectReads()
        ? AuthorityAuthorizationManager.hasAuthority(Scopes.READ_AUTHORITY) : SingleResultAuthorizationManager.permitAll();
    http.authorizeHttpRequests(a -> a
        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
        // Health's status for probes; its details are shown by the actuator itself to inkwell.write
        // (management.endpoint.health.roles). Info tells versions: an operator's, as the rest.
        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(Scopes.WRITE_AUTHORITY)
        // The embedding worker's last failure names exceptions and SQL: an operator's, as info.
        .requestMatchers(HttpMethod.GET, "/api/search/status").hasAuthority(Scopes.WRITE_AUTHORITY)
        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
            .permitAll()
        .requestMatchers(HttpMethod.POST, "/api/*/search", "/api/*/aggregate", "/api/posts/search/semantic").access(reads)
        .requestMatchers(HttpMethod.GET).access(reads)
        .requestMatchers(HttpMethod.HEAD).access(reads)
        .requestMatchers(HttpMethod.OPTIONS).access(reads)
        .anyRequest().hasAuthority(Scopes.WRITE_AUTHORITY));
    http.oauth2ResourceServer(o -> {
      o.authenticationEntryPoint(problems).accessDeniedHandler(problems);
      if (mode == AuthenticationMode.JWT) {
        o.jwt(j -> j.decoder(jwt.getObject()));
      } else {
        o.opaqueToken(t -> t.introspector(new StaticTokenIntrospector(security.token())));
      }
    });
    return http.build();
  }

  /**
   * Spring Security's strict firewall, also refusing control characters (a tab, say) anywhere in the
   * path, encoded or not: no handler has a name with one, so such a path is a client's error (400).
   */
  @Bean
  StrictHttpFirewall httpFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    for (char c = 1; c < 0x20; c++) {
      firewall.getEncodedUrlBlocklist().add(String.format("%%%02x", (int) c));
      firewall.getEncodedUrlBlocklist().add(String.format("%%%02X", (int) c));
      firewall.getDecodedUrlBlocklist().add(String.valueOf(c));
    }
    firewall.getDecodedUrlBlocklist().add("\u007f");
    return firewall;
  }

  /** A path refused by the firewall (encoded separators, ';', '//', '..') gets a 400 problem. */
  @Bean
  SecurityProblems requestRejectedHandler() {
    return new SecurityProblems();
  }

  /** {@code /api/users/} is {@code /api/users} for the firewall, the matchers and MVC alike. */
  @Bean
  FilterRegistrationBean<UrlHandlerFilter> trailingSlash() {
    FilterRegistrationBean<UrlHandlerFilter> bean = new FilterRegistrationBean<>(
        UrlHandlerFilter.trailingSlashHandler("/**").wrapRequest().build());
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return bean;
  }

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimit(@Value("${inkwell.web.max-body-size:10MB}") DataSize max) {
    FilterRegistrationBean<BodySizeLimitFilter> bean = new FilterRegistrationBean<>(new BodySizeLimitFilter(max));
    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return bean;
  }

  static boolean loopback(String address) throws Exception {
    return !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
  }
}
