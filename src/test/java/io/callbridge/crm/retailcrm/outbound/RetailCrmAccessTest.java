package io.callbridge.crm.retailcrm.outbound;

import java.net.URI;
import java.util.Map;

import io.callbridge.crm.CrmSecrets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where a connection's requests go and with which key: the account's address however it
 * was typed, and an address or a key that cannot work refused before anything is sent.
 */
class RetailCrmAccessTest {

	@ParameterizedTest
	@ValueSource(strings = { "https://shop.retailcrm.ru", "https://shop.retailcrm.ru/", "https://shop.retailcrm.ru/api",
			"https://shop.retailcrm.ru/api/v5", " https://shop.retailcrm.ru/api/v5/ ",
			"https://shop.retailcrm.ru/API/V5" })
	void findsTheApiHoweverTheAddressWasTyped(String baseUrl) {
		assertThat(RetailCrmAccess.apiRoot(baseUrl)).isEqualTo(URI.create("https://shop.retailcrm.ru/api/v5/"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "shop.retailcrm.ru", "ftp://shop.retailcrm.ru", "https://", "https://user:pw@shop.ru",
			"https://shop.ru/?x=1", "https://shop ru" })
	void refusesAnAddressThatCannotBeAnAccount(String baseUrl) {
		assertThatThrownBy(() -> RetailCrmAccess.apiRoot(baseUrl)).isInstanceOf(RetailCrmConfigException.class)
			.satisfies((ex) -> assertThat(((RetailCrmConfigException) ex).field()).isEqualTo("baseUrl"));
	}

	@Test
	void refusesAKeyThatCannotBeOne() {
		URI base = URI.create("https://shop.retailcrm.ru");

		assertThatThrownBy(() -> RetailCrmAccess.of(RetailCrmFixture.connection(base), new CrmSecrets(Map.of())))
			.hasMessageContaining("no retailCRM API key");
		assertThatThrownBy(
				() -> RetailCrmAccess.of(RetailCrmFixture.connection(base), RetailCrmFixture.secrets("two words")))
			.hasMessageContaining("paste it again");
		assertThat(
				RetailCrmAccess.of(RetailCrmFixture.connection(base), RetailCrmFixture.secrets(" key-1 \n")).apiKey())
			.isEqualTo("key-1");
	}

	@Test
	void showsNeitherTheKeyNorTheClientId() {
		RetailCrmAccess access = RetailCrmAccess
			.of(RetailCrmFixture.connection(URI.create("https://shop.retailcrm.ru")), RetailCrmFixture.secrets());

		assertThat(access.toString()).doesNotContain(RetailCrmFixture.API_KEY);
		assertThat(access.secrets().scrub("k=" + RetailCrmFixture.API_KEY + " c=" + RetailCrmFixture.CLIENT_ID))
			.isEqualTo("k=*** c=***");
	}

}
