package io.callbridge.zadarma.outbound;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST signer against every worked example of the protocol notes (§1.4, key
 * {@code testkey}, secret {@code testsecret}) and the raw-digest variant Zadarma rejects.
 */
class ZadarmaRequestSignerTest {

	@Test
	void signsBalanceWithFormatJson() {
		Map<String, String> params = Map.of("format", "json");

		assertThat(ZadarmaRequestSigner.query(params)).isEqualTo("format=json");
		assertThat(ZadarmaRequestSigner.md5Hex("format=json")).isEqualTo("0cce6c99b4e629aa977d00c2fece8a23");
		assertThat(ZadarmaRequestSigner.authorization("testkey", "testsecret", "/v1/info/balance/", params))
			.isEqualTo("testkey:ODEyZGUyNzU3Y2YyYTkwYWJjNjdhNmE4ZGY0NTM3YzZkZDZmYTdlYw==");
	}

	@Test
	void signsARequestWithoutParametersOverTheEmptyString() {
		assertThat(ZadarmaRequestSigner.query(Map.of())).isEmpty();
		assertThat(ZadarmaRequestSigner.md5Hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
		assertThat(ZadarmaRequestSigner.authorization("testkey", "testsecret", "/v1/info/balance/", Map.of()))
			.isEqualTo("testkey:YWMyNjcxZTQ5ZGI0OGJmOWNiZWExY2UxZDdjNzU0MTYzN2UzNGM1YQ==");
	}

	@Test
	void signsCallbackOverParametersSortedByName() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("to", "442037691881");
		params.put("from", "100");
		params.put("sip", "100");
		params.put("format", "json");

		assertThat(ZadarmaRequestSigner.query(params)).isEqualTo("format=json&from=100&sip=100&to=442037691881");
		assertThat(ZadarmaRequestSigner.md5Hex(ZadarmaRequestSigner.query(params)))
			.isEqualTo("293fa8a53413f7bbff4d820ad66d2386");
		assertThat(ZadarmaRequestSigner.authorization("testkey", "testsecret", "/v1/request/callback/", params))
			.isEqualTo("testkey:YTMxZGNlNzYxYWUwYzYwYTZlOGVkMzBiYzM2YTJjNTU5MjhjMmY4MQ==");
	}

	@Test
	void signsStatisticsWithSpacesAndColonsEncodedAsPhpDoes() {
		Map<String, String> params = Map.of("version", "2", "start", "2024-01-01 00:00:00", "end",
				"2024-01-31 23:59:59", "format", "json");
		String query = "end=2024-01-31+23%3A59%3A59&format=json&start=2024-01-01+00%3A00%3A00&version=2";

		assertThat(ZadarmaRequestSigner.query(params)).isEqualTo(query);
		assertThat(ZadarmaRequestSigner.md5Hex(query)).isEqualTo("1e1357c353f648c03da8b38ec7fb0649");
		assertThat(ZadarmaRequestSigner.authorization("testkey", "testsecret", "/v1/statistics/pbx/", params))
			.isEqualTo("testkey:NDc5ZTdkMWIwZThlNmY5MmZlMzYyNDBmMWZhZjE2YjBmNmExZjA4Ng==");
	}

	@Test
	void isBase64OfTheHexDigestNotOfTheRawDigest() throws Exception {
		String data = "/v1/info/balance/format=json0cce6c99b4e629aa977d00c2fece8a23";
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec("testsecret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		String rawDigestVariant = Base64.getEncoder()
			.encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));

		assertThat(rawDigestVariant).isEqualTo("gS3idXzyqQq8Z6ao30U3xt1vp+w=");
		assertThat(ZadarmaRequestSigner.authorization("testkey", "testsecret", "/v1/info/balance/",
				Map.of("format", "json")))
			.isNotEqualTo("testkey:" + rawDigestVariant)
			.hasSize("testkey:".length() + 56)
			.endsWith("==");
	}

	@Test
	void encodesLikePhpUrlencode() {
		assertThat(ZadarmaRequestSigner.encode("a b*c~d/é+")).isEqualTo("a+b%2Ac%7Ed%2F%C3%A9%2B");
		assertThat(ZadarmaRequestSigner.encode("Az09-_.")).isEqualTo("Az09-_.");
	}

}
