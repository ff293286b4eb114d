package io.callbridge.security;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy that terminates TLS and that the operator trusts: a request the proxy
 * marks {@code X-Forwarded-Proto: https} gets HSTS and only {@code Secure} cookies.
 */
@BehindTrustedProxy
class ProxiedSecurityHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void httpsAtTheProxyGivesHstsAndSecureCookies() {
		HttpResponse<String> login = SecurityHeadersTests.get(this.port, "/login?lang=es", "X-Forwarded-Proto",
				"https");

		assertThat(login.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((cookie) -> assertThat(cookie).contains("Secure").contains("SameSite=Lax"));
	}

	@Test
	void plainHttpAtTheProxyKeepsCookiesUsableOverHttp() {
		HttpResponse<String> login = SecurityHeadersTests.get(this.port, "/login?lang=es", "X-Forwarded-Proto", "http");

		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty()
			.allSatisfy((cookie) -> assertThat(cookie).doesNotContain("Secure"));
	}

}
