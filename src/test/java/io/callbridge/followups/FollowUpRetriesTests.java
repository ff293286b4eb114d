package io.callbridge.followups;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failed follow-ups are retried while the server runs: with growing waits until the
 * listener succeeds, counted and listed as failed once the automatic retries are used up,
 * retried by hand on request, and taken over when their run was lost with its node.
 */
@FollowUpsTest
class FollowUpRetriesTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	// Timestamps of the database and of the JVM may be rounded differently.
	private static final Duration ROUNDING = Duration.ofMillis(50);

	private static final Pattern FAILED_GAUGE = Pattern
		.compile("(?m)^callbridge_events_incomplete\\{state=\"failed\"\\} ([0-9.Ee+-]+)$");

	@Autowired
	ScriptedEvents events;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	EventPublicationRepository publications;

	@Autowired
	IncompletePublications incomplete;

	@Autowired
	FollowUpRetryProperties retryProperties;

	private long tenant;

	private TestUser admin;

	@BeforeEach
	void tenantWithAdmin() {
		this.tenant = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void listenerFailingTwiceCompletesWhileRunningAfterGrowingWaits() {
		Script script = Script.failing(2);

		this.events.publish(this.tenant, script);
		this.events.awaitCompleted(script, WAIT);

		List<Script.Run> runs = script.runs();
		assertThat(runs).hasSize(3);
		assertThat(script.successes()).isEqualTo(1);
		Duration firstWait = Duration.between(runs.get(0).startedAt(), runs.get(1).startedAt());
		Duration secondWait = Duration.between(runs.get(1).startedAt(), runs.get(2).startedAt());
		assertThat(firstWait).as("wait before the first retry")
			.isGreaterThanOrEqualTo(Duration.ofMillis(300).minus(ROUNDING));
		assertThat(secondWait).as("wait before the second retry")
			.isGreaterThanOrEqualTo(Duration.ofMillis(600).minus(ROUNDING));
		await().atMost(WAIT)
			.until(() -> this.jdbc
				.sql("SELECT COUNT(*) FROM followup_retries r WHERE NOT EXISTS "
						+ "(SELECT 1 FROM event_publication p WHERE p.id = r.publication_id)")
				.query(Long.class)
				.single() == 0);
	}

	@Test
	void listenerThatKeepsFailingIsListedCountedAndRetriedByHand() {
		Script script = Script.failingForever();
		// From the database: the gauge may still show a read of up to a second ago.
		double failedBefore = this.incomplete.counts(this.retryProperties.maxRetries())
			.getOrDefault(FollowUpState.FAILED, 0L);
		UUID id = this.events.publish(this.tenant, script);
		try {
			JsonNode failed = awaitState(id, "FAILED");

			assertThat(script.runs()).as("first run and two automatic retries").hasSize(3);
			assertThat(failed.path("listener").asString())
				.isEqualTo("ScriptedListeners$ScriptedListener.on(ScriptedEvent)");
			assertThat(failed.path("module").asString()).isEqualTo("followups");
			assertThat(failed.path("eventType").asString()).isEqualTo("ScriptedEvent");
			assertThat(failed.path("keys").path("tenantId").asLong()).isEqualTo(this.tenant);
			assertThat(failed.path("keys").path("scriptId").asString()).isEqualTo(script.id());
			assertThat(failed.path("attempts").asInt()).isEqualTo(3);
			assertThat(failed.path("lastError").asString())
				.contains("IllegalStateException: scripted failure of run 3");
			assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
			JsonNode listing = this.api.as(this.admin.token()).get("/api/v1/follow-ups?state=failed").json(200);
			assertThat(listing.path("counts").path("failed").asLong()).isEqualTo(1);
			assertThat(listing.path("items").findValuesAsString("id")).containsExactly(id.toString());
			// The gauge reads the database at most once a second (FollowUpMetrics), and
			// the three runs can take less than that since the read before them.
			if (onH2()) {
				await().atMost(WAIT).until(() -> failedGauge() == failedBefore + 1);
			}
			else {
				await().atMost(WAIT).until(() -> failedGauge() >= 1);
			}
			// More than twice the last wait (600 ms) plus a check (100 ms): a third
			// automatic retry would have run by now.
			Thread.sleep(1500);
			assertThat(script.runs()).as("no automatic retry after the last one").hasSize(3);

			JsonNode started = this.api.as(this.admin.token()).post("/api/v1/follow-ups/{id}/retry", "", id).json(202);
			assertThat(started.path("state").asString()).isEqualTo("RUNNING");
			assertThat(started.path("attempts").asInt()).isEqualTo(4);
			await().atMost(WAIT).until(() -> script.runs().size() == 4);
			JsonNode again = awaitState(id, "FAILED");
			assertThat(again.path("attempts").asInt()).isEqualTo(4);
			assertThat(again.path("lastError").asString()).contains("scripted failure of run 4");

			script.succeedFromNow();
			this.api.as(this.admin.token()).post("/api/v1/follow-ups/{id}/retry", "", id).hasStatus(202);
			this.events.awaitCompleted(script, WAIT);
			assertThat(script.successes()).isEqualTo(1);
			this.api.as(this.admin.token()).get("/api/v1/follow-ups/{id}", id).problem(404, "not-found");
			if (onH2()) {
				await().atMost(WAIT).until(() -> failedGauge() == failedBefore);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.events.discard(script);
		}
	}

	@Test
	void followUpIsNotRetriedByHandWhileItRuns() {
		Script script = Script.failing(1, Duration.ofSeconds(2));
		UUID id = this.events.publish(this.tenant, script);
		await().atMost(WAIT).until(() -> script.runs().size() == 1);

		JsonNode problem = this.api.as(this.admin.token())
			.post("/api/v1/follow-ups/{id}/retry", "", id)
			.problem(409, "conflict");

		assertThat(problem.path("detail").asString()).contains("is running");
		this.events.awaitCompleted(script, WAIT);
		assertThat(script.runs()).hasSize(2);
		assertThat(script.mostAtOnce()).isEqualTo(1);
	}

	@Test
	void runLostWithItsNodeIsRetriedOnceItCountsAsStalled() {
		Script script = Script.failing(0);
		ScriptedEvent event = new ScriptedEvent(this.tenant, script.id());
		String listener = "io.callbridge.followups.ScriptedListeners$ScriptedListener.on(io.callbridge.followups.ScriptedEvent)";
		// What a node that stopped in the middle of the listener leaves behind.
		TargetEventPublication lost = this.publications
			.create(TargetEventPublication.of(event, PublicationTargetIdentifier.of(listener), Instant.now()));
		this.publications.markProcessing(lost.getIdentifier());
		Instant left = Instant.now();

		this.events.awaitCompleted(script, WAIT);

		assertThat(script.runs()).hasSize(1);
		assertThat(Duration.between(left, script.runs().get(0).startedAt()))
			.as("retried only after stuck-after and the first wait")
			.isGreaterThanOrEqualTo(Duration.ofSeconds(3).minus(ROUNDING));
	}

	@Test
	void aClaimedRetryCountsAsRunningBeforeTheRegistryHasResubmittedIt() {
		Script script = Script.failingForever();
		UUID id = this.events.publish(this.tenant, script);
		try {
			awaitState(id, "FAILED");
			Instant databaseNow = this.jdbc.sql("SELECT CURRENT_TIMESTAMP")
				.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
				.single();
			// What a claim of the retry leaves until the registry resubmits the event:
			// the
			// retry counted, a run time limit, the registry's status still FAILED.
			this.jdbc
				.sql("UPDATE followup_retries SET attempts = attempts + 1, running_until = ? WHERE publication_id = ?")
				.params(Jdbc.ts(databaseNow.plusSeconds(60)), id)
				.update();

			JsonNode claimed = this.api.as(this.admin.token()).get("/api/v1/follow-ups/{id}", id).json(200);
			JsonNode failed = this.api.as(this.admin.token()).get("/api/v1/follow-ups?state=failed").json(200);
			JsonNode running = this.api.as(this.admin.token()).get("/api/v1/follow-ups?state=running").json(200);

			assertThat(claimed.path("state").asString()).isEqualTo("RUNNING");
			assertThat(failed.path("items").findValuesAsString("id")).doesNotContain(id.toString());
			assertThat(running.path("items").findValuesAsString("id")).contains(id.toString());
		}
		finally {
			this.events.discard(script);
		}
	}

	private JsonNode awaitState(UUID id, String state) {
		JsonNode[] found = new JsonNode[1];
		await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
			found[0] = this.api.as(this.admin.token()).get("/api/v1/follow-ups/{id}", id).json(200);
			return state.equals(found[0].path("state").asString());
		});
		return found[0];
	}

	private double failedGauge() {
		String body = this.api.as(this.admin.token()).get("/actuator/prometheus").hasStatus(200).body();
		Matcher gauge = FAILED_GAUGE.matcher(body);
		assertThat(gauge.find()).as("failed gauge in %s", body).isTrue();
		return Double.parseDouble(gauge.group(1));
	}

	private static boolean onH2() {
		return !"postgres".equals(System.getProperty("callbridge.test.database"));
	}

}
