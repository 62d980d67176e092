package io.iamgate.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Runs a test once per authorizer configuration in the cross product of the dimensions given (all
 * values by default), in the spirit of Caffeine's {@code @CacheSpec}: the test method takes one
 * {@link AuthorizerConfig}. Combinations API Gateway cannot produce are left out (see {@link
 * AuthorizerConfig#possible()}), and so are duplicates: simple responses only exist for HTTP API
 * payload 2.0, and WebSocket {@code $connect} answers are never cached.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(AuthorizerConfigurations.class)
public @interface AuthorizerSpec {
  /** {@code IAMGATE_CACHE_MODE}. */
  AuthorizerConfig.CacheMode[] cacheMode() default {
    AuthorizerConfig.CacheMode.ROUTE_TABLE, AuthorizerConfig.CacheMode.REQUEST
  };

  /** {@code IAMGATE_HTTP_SIMPLE_RESPONSES}. */
  boolean[] simpleResponses() default {true, false};

  /** How the caller proves who it is. */
  AuthorizerConfig.Credential[] credentials() default {
    AuthorizerConfig.Credential.JWT, AuthorizerConfig.Credential.API_KEY
  };

  /** The authorizer payload API Gateway sends. */
  AuthorizerConfig.Payload[] payload() default {
    AuthorizerConfig.Payload.REST_TOKEN,
    AuthorizerConfig.Payload.REST_REQUEST,
    AuthorizerConfig.Payload.HTTP_V1,
    AuthorizerConfig.Payload.HTTP_V2,
    AuthorizerConfig.Payload.WEBSOCKET
  };
}
