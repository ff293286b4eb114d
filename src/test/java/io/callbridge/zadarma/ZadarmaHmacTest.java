package io.callbridge.zadarma;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zadarma's signature primitive against the worked examples computed from the official
 * SDKs' algorithm (secret {@code testsecret}).
 */
class ZadarmaHmacTest {

	@Test
	void signsRestRequestDataAsBase64OfTheHexDigest() {
		assertThat(ZadarmaHmac.sign("testsecret", "/v1/info/balance/format=json0cce6c99b4e629aa977d00c2fece8a23"))
			.isEqualTo("ODEyZGUyNzU3Y2YyYTkwYWJjNjdhNmE4ZGY0NTM3YzZkZDZmYTdlYw==");
	}

	@Test
	void signsNotifyStartAsDocumented() {
		assertThat(ZadarmaHmac.sign("testsecret", "4420376918804420376918812024-01-29 13:46:22"))
			.isEqualTo("ZmY1MmE2MmMyNTBlYjc5NzkzZDc3MzIzNTg0MTQ0M2E2MzZmZTVhNw==");
	}

	@Test
	void signsNotifyRecordAsDocumented() {
		assertThat(ZadarmaHmac.sign("testsecret", "in_ae6b03b3b0765d127ec0b739209346bbc4f0d52d1458313316.343456"))
			.isEqualTo("ZDgyNGVjMjllMTEwYzYxZWFhMmZmMDc1NDJjY2UzMzE2YjM4ZDA5ZA==");
	}

	@Test
	void comparesSignaturesExactly() {
		String expected = ZadarmaHmac.sign("testsecret", "1004420376918812024-01-29 13:46:22");
		assertThat(ZadarmaHmac.matches(expected, expected)).isTrue();
		assertThat(ZadarmaHmac.matches(expected, "gS3idXzyqQq8Z6ao30U3xt1vp+w=")).isFalse();
		assertThat(ZadarmaHmac.matches(expected, "")).isFalse();
	}

}
