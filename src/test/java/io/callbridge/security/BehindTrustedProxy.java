package io.callbridge.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.callbridge.support.IntegrationTest;

import org.springframework.test.context.TestPropertySource;

/**
 * A whole-application test behind a proxy the operator trusts
 * ({@code server.forward-headers-strategy=native}: {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} from loopback are believed), with small login limits so
 * throttling shows quickly: per username slowed after 3 failures and locked at 5, per
 * address slowed after 6 and locked at 8, at most 1 s between slowed attempts. The test
 * classes using it share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = { "server.forward-headers-strategy=native", "callbridge.login.user.slow-after=3",
		"callbridge.login.user.lock-after=5", "callbridge.login.address.slow-after=6",
		"callbridge.login.address.lock-after=8", "callbridge.login.max-delay=1s" })
@interface BehindTrustedProxy {

}
