package io.callbridge.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The response headers and cookies of a server reached directly (no trusted proxy): a
 * strict Content-Security-Policy on the UI, a looser one on Swagger UI only, no HSTS and
 * no {@code Secure} flag over plain HTTP even when a client claims
 * {@code X-Forwarded-Proto: https}, and {@code SameSite=Lax} cookies.
 */
@IntegrationTest
class SecurityHeadersTests {

	@LocalServerPort
	int port;

	@Test
	void uiPagesForbidInlineScriptsAndStyles() {
		HttpResponse<String> login = get(this.port, "/login?lang=es");

		String policy = login.headers().firstValue("Content-Security-Policy").orElseThrow();
		assertThat(policy).contains("script-src 'self';")
			.contains("style-src 'self';")
			.contains("frame-ancestors 'none'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
		assertThat(login.body()).doesNotContain("<script>").doesNotContain("onsubmit=").doesNotContain("style=");
	}

	@Test
	void swaggerUiAloneMayStyleInline() {
		String docs = get(this.port, "/swagger-ui/index.html").headers()
			.firstValue("Content-Security-Policy")
			.orElseThrow();

		assertThat(docs).contains("script-src 'self';").contains("style-src 'self' 'unsafe-inline'");
		assertThat(docs).doesNotContain("script-src 'self' 'unsafe-inline'");
	}

	@Test
	void plainHttpGetsNoHstsNorSecureCookiesWhateverTheClientClaims() {
		HttpResponse<String> login = get(this.port, "/login?lang=es", "X-Forwarded-Proto", "https");

		assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
		List<String> cookies = login.headers().allValues("Set-Cookie");
		assertThat(cookies).anySatisfy((cookie) -> assertThat(cookie).startsWith("JSESSIONID="))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("callbridge-lang="))
			.allSatisfy((cookie) -> assertThat(cookie).contains("SameSite=Lax").doesNotContain("Secure"));
		assertThat(cookies).filteredOn((cookie) -> cookie.startsWith("JSESSIONID="))
			.allSatisfy((cookie) -> assertThat(cookie).contains("HttpOnly"));
	}

	static HttpResponse<String> get(int port, String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
