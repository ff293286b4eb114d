package io.callbridge.security;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.LoginForm;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP, behind a trusted proxy ({@code X-Forwarded-For} honoured): repeated
 * failed logins are slowed down, then refused for a while, per username and per client
 * address, with the same answers whether the username exists or not (small limits, see
 * {@link BehindTrustedProxy}).
 */
@BehindTrustedProxy
class LoginThrottleTests {

	private static final long SLOWED_WAIT_MILLIS = 1_100;

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	ApiClient api;

	@Autowired
	JdbcClient jdbc;

	private TestUser user;

	@BeforeEach
	void createUser() {
		this.user = this.data.anyUser(this.tenants.anyTenant(), Role.AGENT);
	}

	@Test
	void repeatedFailuresOfAUsernameAreSlowedDownThenRefusedForAWhileFromAnyAddress() throws InterruptedException {
		LoginForm client = LoginForm.via(this.port, anyAddress());
		for (int i = 0; i < 3; i++) {
			assertThat(wrongPassword(client)).startsWith("/login?error");
		}

		assertThat(rightPassword(client)).as("slowed down: even the right password waits").matches(retryIn(1, 1));
		Thread.sleep(SLOWED_WAIT_MILLIS);
		assertThat(wrongPassword(client)).startsWith("/login?error");
		Thread.sleep(SLOWED_WAIT_MILLIS);
		assertThat(wrongPassword(client)).as("the fifth failure locks the username").startsWith("/login?error");
		Thread.sleep(SLOWED_WAIT_MILLIS);

		assertThat(rightPassword(client)).matches(retryIn(880, 900));
		assertThat(rightPassword(LoginForm.via(this.port, anyAddress()))).matches(retryIn(880, 900));
		assertThat(reasons(this.user.username())).contains("BAD_PASSWORD", "USER_LOCKED");
	}

	@Test
	void successfulLoginForgetsTheUsernamesFailures() {
		LoginForm client = LoginForm.via(this.port, anyAddress());
		wrongPassword(client);
		wrongPassword(client);
		assertThat(rightPassword(client)).isEqualTo("/console");

		wrongPassword(client);
		wrongPassword(client);

		assertThat(rightPassword(client)).as("two failures since the success, not four").isEqualTo("/console");
	}

	@Test
	void unknownUsernamesAndOrganisationsGetTheSameAnswersAsKnownOnes() {
		LoginForm client = LoginForm.via(this.port, anyAddress());
		String nobody = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		List<String> known = attempts(client, this.user.organisation(), this.user.username());
		List<String> unknownUser = attempts(client, this.user.organisation(), nobody);
		List<String> unknownOrganisation = attempts(LoginForm.via(this.port, anyAddress()), "no-such-org", nobody);

		assertThat(known).hasSize(4);
		assertThat(known.get(0)).startsWith("/login?error");
		assertThat(known.get(3)).matches(retryIn(1, 1));
		assertThat(unknownUser).isEqualTo(known);
		assertThat(withoutOrganisation(unknownOrganisation)).isEqualTo(withoutOrganisation(known));
	}

	@Test
	void failuresFromOneAddressAreRefusedAcrossUsernamesAndItsIpv6Network() {
		String network = anyNetwork();
		for (int i = 0; i < 6; i++) {
			LoginForm.via(this.port, network + (i + 1))
				.submit(this.user.organisation(), "guess-" + UUID.randomUUID(), "guessed-password");
		}

		assertThat(rightPassword(LoginForm.via(this.port, network + "99"))).as("same /64 network")
			.matches(retryIn(1, 1));
		assertThat(rightPassword(LoginForm.via(this.port, anyAddress()))).as("another client").isEqualTo("/console");
	}

	@Test
	void auditTrailRecordsTheAddressTheTrustedProxyNames() {
		String address = anyAddress();

		wrongPassword(LoginForm.via(this.port, address));

		assertThat(this.jdbc.sql("SELECT client_address FROM audit_events WHERE actor_name = ?")
			.param(this.user.username())
			.query(String.class)
			.list()).containsExactly(address);
	}

	@Test
	void loginPageSaysWhenToTryAgainInTheReadersLanguage() {
		ApiClient.Caller browser = this.api.anonymous().accepting("text/html");

		assertThat(browser.get("/login?retry=8").body()).contains("Too many failed logins. Try again in 8 s.");
		assertThat(browser.get("/login?retry=850").body()).contains("Try again in 15 min.");
		assertThat(browser.get("/login?retry=850&lang=es").body())
			.contains("Demasiados intentos fallidos. Inténtalo de nuevo dentro de 15 min.");
	}

	private List<String> attempts(LoginForm client, String organisation, String username) {
		return List.of(client.submit(organisation, username, "wrong-password"),
				client.submit(organisation, username, "wrong-password"),
				client.submit(organisation, username, "wrong-password"),
				client.submit(organisation, username, "wrong-password"));
	}

	private static List<String> withoutOrganisation(List<String> locations) {
		return locations.stream().map((location) -> location.replaceAll("&org=.*", "")).toList();
	}

	private String wrongPassword(LoginForm client) {
		return client.submit(this.user.organisation(), this.user.username(), "wrong-password");
	}

	private String rightPassword(LoginForm client) {
		return client.submit(this.user.organisation(), this.user.username(), this.user.password());
	}

	private List<String> reasons(String username) {
		return this.jdbc.sql("SELECT reason FROM audit_events WHERE actor_name = ? ORDER BY id")
			.param(username)
			.query(String.class)
			.list();
	}

	/** A redirect to the login page saying to retry in between min and max seconds. */
	private static String retryIn(int min, int max) {
		StringBuilder alternatives = new StringBuilder();
		for (int seconds = min; seconds <= max; seconds++) {
			alternatives.append((seconds > min) ? "|" : "").append(seconds);
		}
		return "/login\\?retry=(" + alternatives + ")(&org=.*)?";
	}

	// Documentation addresses (2001:db8::/32), a random /64 each time: the PostgreSQL
	// database keeps counts between runs.
	private static String anyNetwork() {
		byte[] random = new byte[4];
		ThreadLocalRandom.current().nextBytes(random);
		String hex = HexFormat.of().formatHex(random);
		return "2001:db8:" + hex.substring(0, 4) + ":" + hex.substring(4) + "::";
	}

	private static String anyAddress() {
		return anyNetwork() + "1";
	}

}
