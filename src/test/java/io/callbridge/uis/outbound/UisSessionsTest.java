package io.callbridge.uis.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.uis.outbound.UisSessions.Session;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code login.user} sessions are reused until 5 minutes before UIS's
 * {@code expire_at}, renewed then, opened anew for a changed password, and forgotten when
 * UIS no longer accepts them.
 */
class UisSessionsTest {

	private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-03T10:00:00Z"));

	private final UisSessions sessions = new UisSessions(Duration.ofMinutes(5), this.clock);

	private final AtomicInteger logins = new AtomicInteger();

	@Test
	void aSessionIsReusedUntilFiveMinutesBeforeItExpiresThenRenewed() {
		String key = UisSessions.key("https://dataapi.uiscom.ru/v2.0", "user", "pw");

		assertThat(this.sessions.token(key, this::login)).isEqualTo("token-1");
		this.clock.advance(Duration.ofMinutes(54));
		assertThat(this.sessions.token(key, this::login)).isEqualTo("token-1");
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(this.sessions.token(key, this::login)).isEqualTo("token-2");
		assertThat(this.logins).hasValue(2);
	}

	@Test
	void aForgottenSessionIsOpenedAgainButAnotherTokenIsKept() {
		String key = UisSessions.key("https://dataapi.uiscom.ru/v2.0", "user", "pw");
		this.sessions.token(key, this::login);

		this.sessions.forget(key, "token-0");
		assertThat(this.sessions.token(key, this::login)).isEqualTo("token-1");
		this.sessions.forget(key, "token-1");
		assertThat(this.sessions.token(key, this::login)).isEqualTo("token-2");
	}

	@Test
	void eachPasswordAndEndpointHasItsOwnSession() {
		String data = UisSessions.key("https://dataapi.uiscom.ru/v2.0", "user", "pw");
		String call = UisSessions.key("https://callapi.uiscom.ru/v4.0", "user", "pw");
		String changed = UisSessions.key("https://dataapi.uiscom.ru/v2.0", "user", "new");

		assertThat(data).doesNotContain("pw");
		this.sessions.token(data, this::login);
		this.sessions.token(call, this::login);
		this.sessions.token(changed, this::login);
		assertThat(this.logins).hasValue(3);
	}

	private Session login() {
		int n = this.logins.incrementAndGet();
		return new Session("token-" + n, this.clock.instant().plus(Duration.ofHours(1)));
	}

}
