package io.callbridge.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;

import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests the account cache of the webhook path: an account found by its webhook token,
 * with its credentials, until it changes or is deleted.
 */
@IntegrationTest
class TelephonyAccountsTests {

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	CallEventSink sink;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void webhookTokenLeadsToItsAccountAndCredentialsUntilTheAccountIsDeleted() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, "zadarma", "Cached", true, Map.of(),
				new Credentials(Map.of("key", "k1", "secret", "s1")));

		assertThat(this.accounts.findCachedByWebhookToken(account.webhookToken())).contains(account);
		assertThat(this.accounts.cachedCredentials(account).get("secret")).isEqualTo("s1");
		this.accounts.update(tenant, account.id(), "Renamed", true, Map.of(),
				new Credentials(Map.of("key", "k2", "secret", "s2")));
		assertThat(this.accounts.findCachedByWebhookToken(account.webhookToken()))
			.hasValueSatisfying((found) -> assertThat(found.name()).isEqualTo("Renamed"));
		assertThat(this.accounts.cachedCredentials(account).get("secret")).isEqualTo("s2");
		this.accounts.delete(tenant, account.id());
		assertThat(this.accounts.findCachedByWebhookToken(account.webhookToken())).isEmpty();
		assertThat(this.accounts.cachedCredentials(account).values()).isEmpty();
	}

	@Test
	void aReadWhileAChangeIsUncommittedDoesNotKeepTheOldAccountCachedAfterTheCommit() throws Exception {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, "zadarma", "Before", true, Map.of(),
				new Credentials(Map.of("key", "k1", "secret", "s1")));
		this.accounts.findCached(account.id());

		this.transactions.executeWithoutResult((status) -> {
			this.accounts.update(tenant, account.id(), "After", true, Map.of("blacklistAction", "hangup"), null);
			// another thread (a webhook) reads the committed row, the old one, and caches
			// it
			assertThat(CompletableFuture.supplyAsync(() -> this.accounts.findCached(account.id())).join())
				.hasValueSatisfying((found) -> assertThat(found.name()).isEqualTo("Before"));
		});

		assertThat(this.accounts.findCached(account.id()))
			.hasValueSatisfying((found) -> assertThat(found.name()).isEqualTo("After"));
		assertThat(this.accounts.findCachedByWebhookToken(account.webhookToken()))
			.hasValueSatisfying((found) -> assertThat(found.settings()).containsEntry("blacklistAction", "hangup"));
	}

	@Test
	void anAccountWithCallsIsNotDeletedAndTheRefusalSaysHowManyCalls() {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, "zadarma", "With calls", true, Map.of(),
				new Credentials(Map.of("key", "k1", "secret", "s1")));
		for (String providerCallId : new String[] { "kept-1", "kept-2" }) {
			this.sink.accept(ProviderCallEvent.of(account.id(), providerCallId, CallEventType.RINGING, Instant.now())
				.direction(CallDirection.INBOUND)
				.externalNumber("+34612000999")
				.extension("100")
				.rawPayload("{}")
				.build());
		}

		assertThatThrownBy(() -> this.accounts.delete(tenant, account.id())).isInstanceOfSatisfying(
				Problems.Conflict.class,
				(refusal) -> assertThat(refusal.text()).isEqualTo(Text.of("telephonyAccount.hasCalls", 2L)));
		assertThat(this.accounts.get(tenant, account.id()).name()).isEqualTo("With calls");
	}

	@Test
	void aTenantsCachedAccountsFollowEachCreationChangeAndDeletionAtOnce() {
		long tenant = this.data.anyTenant();
		List<TelephonyAccount> before = this.accounts.listCached(tenant);
		TelephonyAccount account = this.accounts.create(tenant, "zadarma", "Listed", true, Map.of(), null);
		assertThat(this.accounts.listCached(tenant)).hasSize(before.size() + 1).contains(account);

		this.accounts.update(tenant, account.id(), "Listed", true, Map.of("missedCallTasks", "true"), null);
		assertThat(this.accounts.listCached(tenant)).filteredOn((found) -> found.id() == account.id())
			.singleElement()
			.satisfies((found) -> assertThat(CommonSettings.of(found).missedCallTasks()).isTrue());
		this.accounts.delete(tenant, account.id());
		assertThat(this.accounts.listCached(tenant)).isEqualTo(before);
	}

	@Test
	void unknownWebhookTokenFindsNothing() {
		assertThat(this.accounts.findCachedByWebhookToken("no-such-token")).isEmpty();
	}

	@Test
	void scheduledWorkFindsTheIdsOfAProvidersEnabledAccountsWithCredentialsOnly() {
		long tenant = this.data.anyTenant();
		long polled = this.accounts.create(tenant, "callmyway", "Polled", true, Map.of(), secret()).id();
		long disabled = this.accounts.create(tenant, "callmyway", "Off", false, Map.of(), secret()).id();
		long withoutCredentials = this.accounts.create(tenant, "callmyway", "No login", true, Map.of(), null).id();
		long otherProvider = this.accounts.create(tenant, "zadarma", "Other", true, Map.of(), secret()).id();

		assertThat(this.accounts.enabledIds("callmyway")).contains(polled)
			.doesNotContain(disabled, withoutCredentials, otherProvider);
	}

	private static Credentials secret() {
		return new Credentials(Map.of("username", "u", "password", "p"));
	}

}
