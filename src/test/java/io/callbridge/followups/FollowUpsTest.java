package io.callbridge.followups;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.callbridge.support.IntegrationTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole-application test of the follow-up retries with the test-only
 * {@link ScriptedListeners} and short waits (300 ms, then 600 ms: still growing, and each
 * several times the 100 ms check interval; two automatic retries; a run lost after 3 s,
 * longer than the 2 s runs the tests keep going while they act on them). The context is
 * closed after the class so its quick retries never act on other tests' publications in a
 * shared PostgreSQL database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(ScriptedListeners.class)
@TestPropertySource(properties = { "callbridge.followups.retry.check-interval=100ms",
		"callbridge.followups.retry.delays=300ms,600ms", "callbridge.followups.retry.max-retries=2",
		"callbridge.followups.retry.stuck-after=3s" })
@DirtiesContext
@interface FollowUpsTest {

}
