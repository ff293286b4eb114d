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
 * {@link ScriptedListeners} and short waits (1 s, then 2 s; two automatic retries; a run
 * lost after 3 s). The context is closed after the class so its quick retries never act
 * on other tests' publications in a shared PostgreSQL database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(ScriptedListeners.class)
@TestPropertySource(
		properties = { "callbridge.followups.retry.check-interval=100ms", "callbridge.followups.retry.delays=1s,2s",
				"callbridge.followups.retry.max-retries=2", "callbridge.followups.retry.stuck-after=3s" })
@DirtiesContext
@interface FollowUpsTest {

}
