package io.callbridge.followups;

import java.time.Duration;

import io.callbridge.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A follow-up run inside its fact's transaction commits with the fact; one that fails is
 * rolled back alone, the fact still commits, and its deferral is delivered after commit
 * by a durable listener; a fact rolled back takes its follow-up and any deferral with it.
 */
@FollowUpsTest
class ImmediateFollowUpsTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	ImmediateFollowUps followUps;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestData data;

	@Autowired
	ScriptedEvents events;

	private long tenant;

	@BeforeEach
	void tenant() {
		this.tenant = this.data.anyTenant();
	}

	@Test
	void aFollowUpThatSucceedsCommitsWithItsFactAndDefersNothing() {
		Script deferral = Script.failing(0);

		this.transactions.executeWithoutResult((status) -> {
			rename("fact");
			this.followUps.run("test", () -> rename("fact and follow-up"),
					() -> new ScriptedEvent(this.tenant, deferral.id()));
		});

		assertThat(name()).isEqualTo("fact and follow-up");
		assertThat(this.events.publication(deferral)).isEmpty();
		assertThat(deferral.runs()).isEmpty();
	}

	@Test
	void aFollowUpThatFailsIsRolledBackAloneAndItsDeferralRunsAfterCommit() {
		Script deferral = Script.failing(0);

		this.transactions.executeWithoutResult((status) -> {
			rename("fact");
			this.followUps.run("test", () -> {
				rename("half a follow-up");
				throw new IllegalStateException("the follow-up broke");
			}, () -> new ScriptedEvent(this.tenant, deferral.id()));
		});

		assertThat(name()).isEqualTo("fact");
		await().atMost(WAIT).until(() -> deferral.successes() == 1);
		this.events.awaitCompleted(deferral, WAIT);
		assertThat(deferral.runs()).hasSize(1);
	}

	@Test
	void aFactRolledBackTakesItsFollowUpAndItsDeferralWithIt() {
		Script deferral = Script.failing(0);
		String before = name();

		assertThatThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			rename("fact");
			this.followUps.run("test", () -> {
				throw new IllegalStateException("the follow-up broke");
			}, () -> new ScriptedEvent(this.tenant, deferral.id()));
			throw new IllegalStateException("the fact broke");
		})).hasMessage("the fact broke");

		assertThat(name()).isEqualTo(before);
		assertThat(this.events.publication(deferral)).isEmpty();
		assertThat(deferral.runs()).isEmpty();
	}

	private void rename(String name) {
		this.jdbc.sql("UPDATE tenants SET name = ? WHERE id = ?").params(name, this.tenant).update();
	}

	private String name() {
		return this.jdbc.sql("SELECT name FROM tenants WHERE id = ?").param(this.tenant).query(String.class).single();
	}

}
