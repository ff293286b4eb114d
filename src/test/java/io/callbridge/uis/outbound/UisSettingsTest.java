package io.callbridge.uis.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.uis.UisSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests the UIS account settings and where they send requests: the brand's hosts, the
 * account's own addresses only where the server allows them, Moscow time by default, and
 * the report windows UIS accepts.
 */
class UisSettingsTest {

	@Test
	void defaultsAreTheUisBrandMoscowTimeAndNoVirtualNumber() {
		UisSettings settings = UisSettings.of(account(Map.of()));

		assertThat(settings.brand()).isEqualTo("uis");
		assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Europe/Moscow"));
		assertThat(settings.virtualNumber()).isEmpty();
		assertThat(settings.callerName()).isTrue();
		assertThat(settings.routeToResponsible()).isTrue();
		assertThat(settings.blacklist()).isTrue();
		assertThat(settings.allowedIps().acceptsAny()).isTrue();
	}

	@Test
	void theVirtualNumberIsKeptAsDigitsAndTheZoneAsSet() {
		UisSettings settings = UisSettings
			.of(account(Map.of("virtualNumber", "+7 (499) 372-06-92", "timeZone", "Asia/Yekaterinburg")));

		assertThat(settings.virtualNumber()).hasValue("74993720692");
		assertThat(settings.timeZone()).isEqualTo(ZoneId.of("Asia/Yekaterinburg"));
	}

	@Test
	void theFormOffersTheAccountsAddressesOnlyWhereAllowed() {
		assertThat(UisSettings.schema(false).fields()).extracting(SettingField::key)
			.contains("brand", "virtualNumber", "timeZone", "allowedIps")
			.doesNotContain("callApiUrl", "dataApiUrl");
		assertThat(UisSettings.schema(true).fields()).extracting(SettingField::key)
			.contains("callApiUrl", "dataApiUrl");
		assertThat(UisSettings.BRAND.problem("novofon")).isNotNull();
	}

	@Test
	void requestsGoToTheBrandsHostsUnlessTheAccountsAddressesAreAllowed() {
		TelephonyAccount account = account(Map.of("brand", "callgear", "callApiUrl", "http://127.0.0.1:9/v4.0",
				"dataApiUrl", "http://127.0.0.1:9/v2.0"));
		Credentials token = new Credentials(Map.of("accessToken", "t", "notificationSecret", "s"));

		UisAccess brand = client(false).access(account, token);
		assertThat(brand.callApi()).isEqualTo(URI.create("https://callapi.callgear.com/v4.0"));
		assertThat(brand.dataApi()).isEqualTo(URI.create("https://dataapi.callgear.com/v2.0"));
		assertThat(brand.media()).isEqualTo(URI.create("https://app.callgear.com"));
		assertThat(brand.auth()).isInstanceOf(UisAccess.Token.class);

		UisAccess own = client(true).access(account,
				new Credentials(Map.of("login", "u", "password", "p", "notificationSecret", "s")));
		assertThat(own.callApi()).isEqualTo(URI.create("http://127.0.0.1:9/v4.0"));
		assertThat(own.media()).isEqualTo(URI.create("http://127.0.0.1:9"));
		assertThat(own.auth()).isInstanceOf(UisAccess.Login.class);
		assertThat(own.toString()).doesNotContain("p,").contains("password hidden");
	}

	@Test
	void anAccountWithoutTokenOrLoginIsRefusedClearly() {
		assertThatThrownBy(
				() -> client(false).access(account(Map.of()), new Credentials(Map.of("notificationSecret", "s"))))
			.isInstanceOf(UisApiException.class)
			.hasMessageContaining("neither an access token nor a login and password");
	}

	@Test
	void reportWindowsSpanLessThanThreeMonthsAndCoverThePeriod() {
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		Instant to = Instant.parse("2026-12-01T00:00:00Z");

		List<UisReportWindows.Window> windows = UisReportWindows.split(from, to, ZoneId.of("Europe/Moscow"));

		assertThat(windows.get(0).from()).isEqualTo(from);
		assertThat(windows.get(windows.size() - 1).to()).isEqualTo(to);
		for (int i = 0; i < windows.size(); i++) {
			UisReportWindows.Window window = windows.get(i);
			assertThat(window.to())
				.isBefore(window.from().atZone(ZoneId.of("Europe/Moscow")).plusMonths(3).toInstant());
			if (i > 0) {
				assertThat(window.from()).isEqualTo(windows.get(i - 1).to());
			}
		}
		assertThat(windows.get(0).till()).isEqualTo(windows.get(0).to().minusSeconds(1));
	}

	static UisProperties properties(boolean accountUrlsAllowed) {
		return new UisProperties(null, Duration.ofSeconds(2), Duration.ofSeconds(5), accountUrlsAllowed,
				Duration.ofMinutes(20), Duration.ofMinutes(5), List.of(Duration.ofSeconds(10), Duration.ofSeconds(30)),
				Duration.ofHours(2));
	}

	private static UisTelephonyClient client(boolean accountUrlsAllowed) {
		return new UisTelephonyClient(properties(accountUrlsAllowed), (UisApiClient) null, null, null);
	}

	static TelephonyAccount account(Map<String, String> settings) {
		return new TelephonyAccount(7, 1, "uis", "UIS main", true, "token", settings, true);
	}

}
